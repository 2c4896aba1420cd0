package io.kpiengine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Runs in a surefire execution of its own with Micrometer removed from the class path (see the pom): a report is
 * built and written without it, since Micrometer is an optional dependency needed only by KpiMeterBinder.
 */
class WithoutMicrometerTest {

    @Test
    void report_withoutMicrometerOnTheClassPath_isBuilt() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
        ReportSamples.Sample s = ReportSamples.generate(1, 2, 6, 1, false);
        Report r = Report.builder().catalog(s.catalog()).results(s.results()).build();
        assertThat(r.html()).contains("<h1>shop KPI report</h1>");
    }
}
