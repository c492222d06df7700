package io.orgbase.mail;

import io.orgbase.json.Jsonp;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * How a message looks: the organization's name, logo and colours from its settings, or Orgbase's
 * own for platform mail.
 */
public record Branding(String name, String logoUrl, String primaryColour, String secondaryColour) {

    static final String DEFAULT_PRIMARY = "#1f4e79";
    static final String DEFAULT_SECONDARY = "#f2f5f8";

    public static Branding platform() {
        return new Branding("Orgbase", null, DEFAULT_PRIMARY, DEFAULT_SECONDARY);
    }

    /** An organization's look from its name and its settings document (its {@code branding}), if any. */
    public static Branding of(String name, String settingsJson) {
        String logo = null;
        String primary = null;
        String secondary = null;
        if (settingsJson != null) {
            try (var reader = Jsonp.PROVIDER.createReader(new StringReader(settingsJson))) {
                var brand = reader.readObject().getJsonObject("branding");
                if (brand != null) {
                    logo = brand.getString("logoUrl", null);
                    primary = brand.getString("primaryColour", null);
                    secondary = brand.getString("secondaryColour", null);
                }
            }
        }
        return new Branding(name, logo, primary, secondary);
    }

    public Branding {
        primaryColour = colourOr(primaryColour, DEFAULT_PRIMARY);
        secondaryColour = colourOr(secondaryColour, DEFAULT_SECONDARY);
        if (logoUrl != null && !(logoUrl.startsWith("https://") || logoUrl.startsWith("http://"))) {
            logoUrl = null;
        }
    }

    private static String colourOr(String colour, String fallback) {
        return colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : fallback;
    }

    /** What templates read as {@code brand.*}. */
    Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        if (logoUrl != null) {
            values.put("logoUrl", logoUrl);
        }
        values.put("primaryColour", primaryColour);
        values.put("secondaryColour", secondaryColour);
        return values;
    }
}
