package io.orgbase.datajob;

import org.eclipse.microprofile.config.ConfigProvider;

/** What data jobs may cost, as the operator configures it. */
public final class DataJobLimits {

    private DataJobLimits() {}

    /** The most rows a PDF export holds ({@code ORGBASE_EXPORT_PDF_MAX_ROWS}, 50,000 unless set). */
    public static long pdfMaxRows() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_EXPORT_PDF_MAX_ROWS", Long.class)
                .orElse(50_000L);
    }

    /** How many jobs one caller may have queued or running at once ({@code ORGBASE_DATA_JOBS_PER_CALLER}, 3). */
    public static int activePerCaller() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_DATA_JOBS_PER_CALLER", Integer.class)
                .orElse(3);
    }

    /** How many jobs one organization may have queued or running at once ({@code ORGBASE_DATA_JOBS_PER_ORG}, 10). */
    public static int activePerOrganization() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_DATA_JOBS_PER_ORG", Integer.class)
                .orElse(10);
    }

    /** The most rows an export holds in any format ({@code ORGBASE_EXPORT_MAX_ROWS}, 5,000,000 unless set). */
    public static long exportMaxRows() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_EXPORT_MAX_ROWS", Long.class)
                .orElse(5_000_000L);
    }

    /** How long an export's file and its link are kept ({@code ORGBASE_EXPORT_LINK_HOURS}, 24; 1 to 168). */
    public static long linkHours() {
        long hours = ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_EXPORT_LINK_HOURS", Long.class)
                .orElse(24L);
        return Math.max(1, Math.min(168, hours));
    }

    /**
     * How many people member imports may add or invite per organization in 15 minutes ({@code
     * ORGBASE_IMPORT_MAX_ADDS}, 1,000; dry runs count): whether an address has an account shows in
     * how its row ends, and an invitation is a mail, so a file of addresses may neither probe
     * accounts nor mail people faster than this.
     */
    public static int addsPerQuarterHour() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_IMPORT_MAX_ADDS", Integer.class)
                .orElse(1_000);
    }
}
