package io.orgbase.mail;

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
