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
}
