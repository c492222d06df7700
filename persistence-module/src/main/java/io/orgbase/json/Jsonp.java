package io.orgbase.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the provider
 * up on every call (a ServiceLoader scan of the class path, and an OSGi lookup that fails with an
 * exception); profiling the read path found that on every request.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}

    /** A stored JSON object document (settings, metadata) as JSON-P; null reads as {}. */
    public static JsonObject object(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json == null ? "{}" : json))) {
            return reader.readObject();
        }
    }

    /** A stored JSON array document as JSON-P; null reads as []. */
    public static JsonArray array(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json == null ? "[]" : json))) {
            return reader.readArray();
        }
    }
}
