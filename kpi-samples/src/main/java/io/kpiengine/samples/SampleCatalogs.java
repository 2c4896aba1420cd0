package io.kpiengine.samples;

import io.kpiengine.core.metric.Catalog;

/**
 * Catalogs bundled with the library, for trying it out, demos, benchmarks and tests: they describe the data that
 * the generators of {@code io.kpiengine.samples} write.
 *
 * <pre>{@code
 * Path csv = Path.of("events.csv");
 * SampleEvents.builder().rows(200_000).seed(42).build().writeCsv(csv);
 * Catalog catalog = SampleCatalogs.referenceJob();
 * KpiResults results = KpiEngine.builder().catalog(catalog).build()
 *         .evaluate(Map.of("events", catalog.source("events").orElseThrow().csvReader(csv).build()));
 * }</pre>
 *
 * <p>The catalogs are immutable; every call reads a fresh one.
 */
public final class SampleCatalogs {

    /** The class-path resource name of the reference job's catalog, next to this class. */
    public static final String REFERENCE_JOB = "reference-job.yaml";

    private SampleCatalogs() {
    }

    /**
     * The catalog of the reference batch job, {@value #REFERENCE_JOB}: one source {@code events} with the columns
     * of {@code SampleEvents}, quality rules (exact duplicates merged, missing visitors and revenue set to 0, revenue
     * converted to USD at fixed rates), and six metrics per day in Asia/Seoul and channel: visitors, conversions,
     * revenue in USD, distinct orders, conversion rate in percent and average order value.
     *
     * @return the catalog, named {@value #REFERENCE_JOB}
     */
    public static Catalog referenceJob() {
        return Catalog.read(SampleCatalogs.class.getResourceAsStream(REFERENCE_JOB), REFERENCE_JOB);
    }
}
