package io.orgbase.collections;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The kinds of values a collection field holds, with what may be asked of each. */
public enum FieldType {
    STRING(EnumSet.allOf(Op.class)),
    UUID(EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.NOTIN, Op.ISNULL)),
    INTEGER(EnumSet.of(Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.IN, Op.NOTIN, Op.ISNULL, Op.BETWEEN)),
    BOOLEAN(EnumSet.of(Op.EQ, Op.NEQ, Op.ISNULL)),
    TIMESTAMP(EnumSet.of(Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.ISNULL, Op.BETWEEN)),
    DATE(EnumSet.of(Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.ISNULL, Op.BETWEEN));

    private final Set<Op> operators;

    FieldType(Set<Op> operators) {
        this.operators = operators;
    }

    public boolean allows(Op op) {
        return operators.contains(op);
    }

    /**
     * A client's value (from JSON: string, number or boolean; from a query string: text) as this type.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Object parse(Object raw) {
        switch (this) {
            case STRING -> {
                if (raw instanceof String text) {
                    if (text.length() > 500) {
                        throw new IllegalArgumentException("a text of at most 500 characters");
                    }
                    return text;
                }
                throw new IllegalArgumentException("a string");
            }
            case UUID -> {
                try {
                    return java.util.UUID.fromString(raw.toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("an id (UUID)");
                }
            }
            case INTEGER -> {
                try {
                    return raw instanceof BigDecimal number ? number.longValueExact() : Long.parseLong(raw.toString());
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("a whole number");
                }
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean bool) {
                    return bool;
                }
                if ("true".equals(raw) || "false".equals(raw)) {
                    return Boolean.valueOf(raw.toString());
                }
                throw new IllegalArgumentException("true or false");
            }
            case TIMESTAMP -> {
                try {
                    return OffsetDateTime.parse(raw.toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("a date-time with offset (2026-01-31T12:00:00Z)");
                }
            }
            case DATE -> {
                try {
                    return java.time.LocalDate.parse(raw.toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("a date (2026-01-31)");
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** How a value of this type is written into a cursor. */
    String format(Object value) {
        return value instanceof UUID id ? id.toString() : value.toString();
    }
}
