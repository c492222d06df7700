package io.orgbase.collections;

import java.util.Locale;

/** Filter operators, spelled in lowercase by clients. */
public enum Op {
    EQ,
    NEQ,
    GT,
    GTE,
    LT,
    LTE,
    CONTAINS,
    ICONTAINS,
    STARTSWITH,
    ENDSWITH,
    IN,
    NOTIN,
    ISNULL,
    BETWEEN;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return null for an unknown operator */
    public static Op byKey(String key) {
        for (Op op : values()) {
            if (op.key().equals(key)) {
                return op;
            }
        }
        return null;
    }
}
