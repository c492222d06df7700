package io.orgbase.requests;

import io.orgbase.problems.FieldError;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Control characters have no place in what clients send: NUL cannot even be stored (PostgreSQL
 * refuses it in text and jsonb), and the other C0 controls are never business text. Tab, line feed
 * and carriage return are text. Every request body, query parameter and path segment is checked here,
 * before any resource sees it, so a hostile byte is a 400 naming where it was, never a 500.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Whether the text holds a control character other than tab, line feed and carriage return. */
    public static boolean in(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Adds an error for every string and key in {@code value} that holds one, named by its JSON path. */
    public static void collect(String path, JsonValue value, List<FieldError> errors) {
        switch (value.getValueType()) {
            case STRING -> {
                if (in(((JsonString) value).getString())) {
                    errors.add(error(path));
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> field : value.asJsonObject().entrySet()) {
                    String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (in(field.getKey())) {
                        errors.add(
                                new FieldError(path.isEmpty() ? "(key)" : path, "has a key with a control character"));
                    } else {
                        collect(name, field.getValue(), errors);
                    }
                }
            }
            case ARRAY -> {
                List<JsonValue> items = value.asJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    collect(path + "[" + i + "]", items.get(i), errors);
                }
            }
            default -> {}
        }
    }

    public static FieldError error(String name) {
        return new FieldError(name, "must not contain control characters");
    }
}
