package io.orgbase.datajob;

/**
 * Spreadsheet formula injection, neutralised: a text cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab, a carriage return or a line feed, or their full-width forms)
 * gets a leading apostrophe in the files Orgbase writes, and an import takes that apostrophe off
 * again, so that an export imports back unchanged.
 */
public final class Cells {

    private Cells() {}

    public static String safe(String cell) {
        return cell != null && !cell.isEmpty() && risky(cell.charAt(0)) ? "'" + cell : cell;
    }

    /** A cell as it was before {@link #safe} neutralised it. */
    public static String restored(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && risky(cell.charAt(1))
                ? cell.substring(1)
                : cell;
    }

    private static boolean risky(char first) {
        return switch (first) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }
}
