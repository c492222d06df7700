package io.orgbase.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/**
 * A JSON document held as its text in the entity and as {@code jsonb} in PostgreSQL. Binding plain
 * text to a jsonb column is refused by PostgreSQL (no implicit cast from varchar), so the value
 * travels as a typed {@link PGobject}.
 */
@Converter
public class JsonbConverter implements AttributeConverter<String, Object> {

    @Override
    public Object convertToDatabaseColumn(String json) {
        if (json == null) {
            return null;
        }
        PGobject value = new PGobject();
        value.setType("jsonb");
        try {
            value.setValue(json);
        } catch (SQLException impossible) {
            throw new IllegalStateException(impossible);
        }
        return value;
    }

    @Override
    public String convertToEntityAttribute(Object column) {
        if (column == null) {
            return null;
        }
        return column instanceof PGobject pg ? pg.getValue() : column.toString();
    }
}
