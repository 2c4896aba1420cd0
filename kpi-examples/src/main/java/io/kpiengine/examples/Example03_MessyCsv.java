package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.io.CsvSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 3: reading a messy CSV export without losing a row.
 *
 * <p>Files exported by people's tools are rarely machine-clean. This one, a web-analytics export of visitors by
 * channel, has most of the usual problems at once: a byte-order mark and Windows line ends; two date styles in
 * one column ({@code 3/5/2025} and {@code 03-06-2025}); visitor counts with thousands separators
 * ({@code "2,146"}); spend written with a decimal comma ({@code "1.234,50"}); {@code n/a} for an unknown number
 * of leads; a quoted note that spans two lines; and a few records that cannot be read at all.
 *
 * <p>The {@link DataSource} says how to read it: which header holds which column ({@code headerName}) and how
 * each column's text becomes a value ({@link ColumnFormat}: date patterns tried in order, separators, tokens
 * that mean "missing"). The {@link CsvSource} reads the file in batches, never whole. A record it cannot read is
 * not dropped and does not stop the run: it becomes a {@link RejectedRow} with the line where it starts, its raw
 * text and the reason. The engine counts those rows in the source's account, so the totals below are backed by
 * an exact statement of what was left out.
 */
public final class Example03_MessyCsv {

    /** The seed of the campaign data behind the export. */
    static final long SEED = 3;
    /** The first day of the export. */
    static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    /** Days in the export. */
    static final int DAYS = 10;

    /**
     * One readable record of the export, as it should be read.
     *
     * @param day the day
     * @param channel the channel
     * @param visitors the visitors
     * @param leads the leads, null for {@code n/a}
     * @param spend the spend in EUR, null when empty
     */
    record Visit(LocalDate day, String channel, long visitors, Long leads, BigDecimal spend) {
    }

    /**
     * The export: its text, the records that can be read, and the lines of those that cannot.
     *
     * @param text the file content
     * @param readable what a correct reader yields
     * @param brokenLines the line numbers where unreadable records start
     */
    record Export(String text, List<Visit> readable, List<Long> brokenLines) {
    }

    private Example03_MessyCsv() {
    }

    /**
     * Writes the export, reads it, prints the rejected records and visitors, leads and spend per channel.
     *
     * @param args not used
     * @throws IOException if the temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        SampleData.inTemporaryDirectory("kpi-example03", dir -> run(Files.writeString(dir.resolve("web-export.csv"),
                export().text(), StandardCharsets.UTF_8)));
    }

    private static void run(Path file) throws IOException {
        System.out.println("The first lines of " + file.getFileName() + ":");
        Files.readAllLines(file).stream().limit(6).forEach(l -> System.out.println("  | " + l.replace("\uFEFF", "")));

        Schema schema = Schema.of(
                Column.of("day", ColumnType.DATE),
                Column.of("channel", ColumnType.CATEGORY),
                Column.of("visitors", ColumnType.INTEGER),
                Column.of("leads", ColumnType.INTEGER),
                Column.decimal("spend", 2),
                Column.of("note", ColumnType.TEXT));
        DataSource web = DataSource.builder("web")
                .schema(schema)
                .timeColumn("day")
                .csv(CsvSettings.builder()
                        .headerName("day", "Date")
                        .headerName("channel", "Channel")
                        .headerName("visitors", "Unique Visits")
                        .headerName("leads", "Leads")
                        .headerName("spend", "Spend (EUR)")
                        .headerName("note", "Note")
                        .format("day", ColumnFormat.builder().datePatterns("M/d/yyyy", "MM-dd-yyyy").build())
                        .format("channel", ColumnFormat.builder().trim(true).build())
                        .format("visitors", ColumnFormat.builder().thousandsSeparator(',').build())
                        .format("leads", ColumnFormat.builder().nullTokens("n/a").build())
                        .format("spend", ColumnFormat.builder().locale(Locale.GERMANY).build())
                        .build())
                .build();

        // Reading by hand: batches of typed columns, plus the records that could not be read.
        long rows = 0;
        List<RejectedRow> rejected = new ArrayList<>();
        try (CsvSource csv = web.csvReader(file).build()) {
            for (RecordBatch batch = csv.next(); batch != null; batch = csv.next()) {
                rows += batch.size();
                rejected.addAll(batch.rejected());
            }
        }
        System.out.printf(Locale.ROOT, "%nRead %d records, rejected %d:%n", rows, rejected.size());
        for (RejectedRow r : rejected) {
            System.out.printf(Locale.ROOT, "  line %d: %s%n           raw: %s%n", r.line(), r.reason(), r.rawText());
        }

        // The same source feeds the engine, which accounts for the rejected rows.
        Catalog catalog = Catalog.builder()
                .zone(ZoneId.of("Europe/Paris"))
                .grain(Grain.MONTH)
                .source(web)
                .metric(Metric.measure("visitors").sum("visitors").dimensions("channel").unit("count").build())
                .metric(Metric.measure("leads").sum("leads").dimensions("channel").unit("count").build())
                .metric(Metric.measure("leads_unknown").count().filter("leads is missing").dimensions("channel")
                        .build())
                .metric(Metric.measure("spend").sum("spend").dimensions("channel").unit("EUR").build())
                .build();
        KpiResults results = KpiEngine.builder().catalog(catalog).build()
                .evaluate(Map.of("web", web.csvReader(file).build()));
        SourceAccount account = results.quality().sources().get(0);
        System.out.printf(Locale.ROOT, "%nThe engine aggregated %d rows and set aside %d unreadable ones.%n",
                account.rowsAggregated(), account.rowsRejected());
        System.out.println("Visitors, leads and spend per channel, March 2025:");
        for (KpiResult v : results.metric("visitors")) {
            Map<String, String> channel = v.dimensions();
            double leads = results.number("leads", v.period(), channel).orElseThrow();
            double unknown = results.number("leads_unknown", v.period(), channel).orElseThrow();
            double spend = results.number("spend", v.period(), channel).orElseThrow();
            System.out.printf(Locale.ROOT, "  %-11s visitors %,7.0f   leads %,5.0f%s   spend %,10.2f EUR%n",
                    channel.get("channel"), v.value().value(), leads,
                    unknown == 0 ? "          " : String.format(Locale.ROOT, " (+%.0f n/a)", unknown), spend);
        }
    }

    /**
     * Renders ten days of campaign data as a messy export. Every 13th record has a typo in its visitor count,
     * one lacks a field and one has a date in an unexpected style: those cannot be read.
     *
     * @return the export
     */
    static Export export() {
        DateTimeFormatter us = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
        DateTimeFormatter dashed = DateTimeFormatter.ofPattern("MM-dd-yyyy", Locale.ROOT);
        StringBuilder sb = new StringBuilder("\uFEFFDate,Channel,Unique Visits,Leads,Spend (EUR),Note\r\n");
        List<Visit> readable = new ArrayList<>();
        List<Long> brokenLines = new ArrayList<>();
        long line = 2;
        List<SampleData.CampaignDay> days = SampleData.campaignDays(SEED, FIRST, DAYS);
        for (int i = 0; i < days.size(); i++) {
            SampleData.CampaignDay d = days.get(i);
            String date = (i % 2 == 0 ? us : dashed).format(d.day());
            String visitors = d.visitors() >= 1000 ? String.format(Locale.ROOT, "\"%,d\"", d.visitors())
                    : Long.toString(d.visitors());
            Long leads = i % 9 == 4 ? null : d.leads();
            String spend = d.cost() == null ? "" : '"' + String.format(Locale.GERMANY, "%,.2f", d.cost()) + '"';
            String note = i % 11 == 7 ? "\"paused by the agency,\r\nresumed at 14:00\"" : i % 5 == 0 ? "ok" : "";
            String record;
            boolean broken = true;
            if (i % 13 == 12) {
                record = String.join(",", date, d.channel(), d.visitors() + "o", Long.toString(d.leads()), spend,
                        note);
            } else if (i == 30) {
                record = String.join(",", date, d.channel(), visitors, Long.toString(d.leads()), spend);
            } else if (i == 41) {
                record = String.join(",", d.day().toString().replace('-', '/'), d.channel(), visitors,
                        Long.toString(d.leads()), spend, note);
            } else {
                record = String.join(",", date, i % 4 == 1 ? " " + d.channel() + " " : d.channel(), visitors,
                        leads == null ? "n/a" : leads.toString(), spend, note);
                readable.add(new Visit(d.day(), d.channel(), d.visitors(), leads, d.cost()));
                broken = false;
            }
            if (broken) {
                brokenLines.add(line);
            }
            sb.append(record).append("\r\n");
            line += 1 + record.chars().filter(c -> c == '\n').count();
        }
        return new Export(sb.toString(), List.copyOf(readable), List.copyOf(brokenLines));
    }
}
