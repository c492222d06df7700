package io.orgbase.settings.control;

import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.requests.Contacts;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every organization setting: its group, key, type and default. A stored document holds only the
 * keys an organization changed; reading merges it over the defaults. Unknown groups or keys and
 * values of the wrong type are refused, each named {@code group.key}.
 */
public final class SettingsSchema {

    /** The group only platform administrators change. */
    public static final String SUBSCRIPTION = "subscription";

    /** The group only owners change: how members must sign in. */
    public static final String SECURITY = "security";

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    enum Kind {
        TEXT,
        URL,
        COLOUR,
        BOOLEAN,
        CHOICE,
        INTEGER,
        DATE,
        HOSTNAMES
    }

    record Key(Kind kind, JsonValue defaultValue, int limit, Set<String> choices) {}

    private static final Map<String, Map<String, Key>> GROUPS = new LinkedHashMap<>();

    static {
        define("general", "description", new Key(Kind.TEXT, JsonValue.NULL, 1000, Set.of()));
        define("general", "website", new Key(Kind.URL, JsonValue.NULL, 2000, Set.of()));
        define("general", "weekStart", choice("monday", "monday", "sunday", "saturday"));
        define("general", "dateFormat", choice("yyyy-MM-dd", "yyyy-MM-dd", "dd.MM.yyyy", "dd/MM/yyyy", "MM/dd/yyyy"));
        define("branding", "logoUrl", new Key(Kind.URL, JsonValue.NULL, 2000, Set.of()));
        define("branding", "primaryColour", new Key(Kind.COLOUR, JsonValue.NULL, 7, Set.of()));
        define("branding", "secondaryColour", new Key(Kind.COLOUR, JsonValue.NULL, 7, Set.of()));
        define("domains", "names", new Key(Kind.HOSTNAMES, JsonValue.EMPTY_JSON_ARRAY, 20, Set.of()));
        define("notifications", "email", new Key(Kind.BOOLEAN, JsonValue.TRUE, 0, Set.of()));
        define("notifications", "digest", choice("weekly", "off", "daily", "weekly"));
        define(SECURITY, "requireTwoFactor", new Key(Kind.BOOLEAN, JsonValue.FALSE, 0, Set.of()));
        define(SECURITY, "maxSessionHours", new Key(Kind.INTEGER, JsonValue.NULL, 8760, Set.of()));
        define(SUBSCRIPTION, "plan", choice("free", "free", "team", "business", "enterprise"));
        define(SUBSCRIPTION, "status", choice("active", "trialing", "active", "past-due", "cancelled"));
        define(SUBSCRIPTION, "seats", new Key(Kind.INTEGER, JsonValue.NULL, 1_000_000, Set.of()));
        define(SUBSCRIPTION, "renewsOn", new Key(Kind.DATE, JsonValue.NULL, 0, Set.of()));
    }

    private SettingsSchema() {}

    private static void define(String group, String key, Key definition) {
        GROUPS.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(key, definition);
    }

    private static Key choice(String defaultValue, String... choices) {
        return new Key(Kind.CHOICE, Jsonp.PROVIDER.createValue(defaultValue), 0, Set.of(choices));
    }

    /** Every setting: what the organization stored, else the default. */
    public static JsonObject effective(JsonObject stored) {
        JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder();
        GROUPS.forEach((group, keys) -> {
            JsonObject own = stored.containsKey(group) ? stored.getJsonObject(group) : JsonValue.EMPTY_JSON_OBJECT;
            JsonObjectBuilder values = Jsonp.PROVIDER.createObjectBuilder();
            keys.forEach((key, definition) -> values.add(key, own.getOrDefault(key, definition.defaultValue())));
            result.add(group, values);
        });
        return result.build();
    }

    /**
     * The stored document after a change: each group in {@code change} is an object of keys; a
     * value sets the key, null returns it to its default. Problems are added to {@code errors}.
     */
    public static JsonObject apply(JsonObject stored, JsonObject change, List<FieldError> errors) {
        Map<String, Map<String, JsonValue>> result = new LinkedHashMap<>();
        stored.forEach((group, values) -> {
            Map<String, JsonValue> copy = new LinkedHashMap<>(values.asJsonObject());
            result.put(group, copy);
        });
        change.forEach((group, values) -> {
            Map<String, Key> keys = GROUPS.get(group);
            if (keys == null) {
                errors.add(new FieldError(
                        group, "is not a settings group (groups: " + String.join(", ", GROUPS.keySet()) + ")"));
                return;
            }
            if (values.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(group, "must be an object of settings"));
                return;
            }
            Map<String, JsonValue> own = result.computeIfAbsent(group, g -> new LinkedHashMap<>());
            values.asJsonObject().forEach((key, value) -> {
                Key definition = keys.get(key);
                String name = group + "." + key;
                if (definition == null) {
                    errors.add(new FieldError(
                            name, "is not a setting (" + group + ": " + String.join(", ", keys.keySet()) + ")"));
                } else if (value.getValueType() == JsonValue.ValueType.NULL) {
                    own.remove(key);
                } else {
                    String problem = problem(definition, value);
                    if (problem != null) {
                        errors.add(new FieldError(name, problem));
                    } else {
                        own.put(key, normalized(definition, value));
                    }
                }
            });
            if (own.isEmpty()) {
                result.remove(group);
            }
        });
        JsonObjectBuilder document = Jsonp.PROVIDER.createObjectBuilder();
        result.forEach((group, values) -> {
            JsonObjectBuilder keys = Jsonp.PROVIDER.createObjectBuilder();
            values.forEach(keys::add);
            document.add(group, keys);
        });
        return document.build();
    }

    private static String problem(Key definition, JsonValue value) {
        switch (definition.kind()) {
            case TEXT -> {
                if (!(value instanceof JsonString text)) {
                    return "must be a string";
                }
                return text.getString().length() > definition.limit()
                        ? "must be at most " + definition.limit() + " characters"
                        : null;
            }
            case URL -> {
                if (!(value instanceof JsonString text) || !Contacts.isHttpsUrl(text.getString())) {
                    return "must be an https URL";
                }
                return null;
            }
            case COLOUR -> {
                return value instanceof JsonString text
                                && COLOUR.matcher(text.getString()).matches()
                        ? null
                        : "must be a hex colour such as #1a2b3c";
            }
            case BOOLEAN -> {
                return value == JsonValue.TRUE
                                || value == JsonValue.FALSE
                                || value.getValueType() == JsonValue.ValueType.TRUE
                                || value.getValueType() == JsonValue.ValueType.FALSE
                        ? null
                        : "must be true or false";
            }
            case CHOICE -> {
                return value instanceof JsonString text && definition.choices().contains(text.getString())
                        ? null
                        : "must be one of: "
                                + String.join(
                                        ", ",
                                        definition.choices().stream().sorted().toList());
            }
            case INTEGER -> {
                if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
                    return "must be a whole number";
                }
                return number.bigIntegerValue().signum() > 0
                                && number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(definition.limit()))
                                        <= 0
                        ? null
                        : "must be between 1 and " + definition.limit();
            }
            case DATE -> {
                if (value instanceof JsonString text) {
                    try {
                        LocalDate.parse(text.getString());
                        return null;
                    } catch (DateTimeParseException e) {
                        // answered below
                    }
                }
                return "must be a date such as 2026-12-31";
            }
            case HOSTNAMES -> {
                if (!(value instanceof JsonArray names)) {
                    return "must be an array of domain names";
                }
                if (names.size() > definition.limit()) {
                    return "must have at most " + definition.limit() + " entries";
                }
                for (JsonValue name : names) {
                    if (!(name instanceof JsonString text)
                            || !HOSTNAME.matcher(text.getString().toLowerCase(Locale.ROOT))
                                    .matches()) {
                        return "must be an array of domain names such as example.com";
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException(definition.kind().name());
        }
    }

    /** Colours lower case; domain names lower case, each once. */
    private static JsonValue normalized(Key definition, JsonValue value) {
        if (definition.kind() == Kind.COLOUR) {
            return Jsonp.PROVIDER.createValue(((JsonString) value).getString().toLowerCase(Locale.ROOT));
        }
        if (definition.kind() == Kind.HOSTNAMES) {
            var names = Jsonp.PROVIDER.createArrayBuilder();
            value.asJsonArray().stream()
                    .map(v -> ((JsonString) v).getString().toLowerCase(Locale.ROOT))
                    .distinct()
                    .forEach(names::add);
            return names.build();
        }
        return value;
    }
}
