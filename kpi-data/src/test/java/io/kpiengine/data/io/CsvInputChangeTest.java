package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static io.kpiengine.data.io.CsvTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input cut off mid-record, or changed while it is read, fails the source instead of losing records. */
class CsvInputChangeTest {

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.TEXT),
            Column.of("visitors", ColumnType.INTEGER));

    @TempDir
    Path dir;

    static String rows(int n) {
        StringBuilder sb = new StringBuilder("day,channel,visitors\n");
        for (int i = 0; i < n; i++) {
            sb.append("2025-01-01,email,").append(i).append('\n');
        }
        return sb.toString();
    }

    @Test
    void lastRecordCutMidField_failsTheSource() {
        String csv = "day,channel,visitors\n2025-01-01,email,12\n2025-01-02,em";

        assertThatThrownBy(() -> readAll(CsvSource.builder(new StringReader(csv), "e.csv").schema(SCHEMA).build()))
                .isInstanceOf(SourceException.class)
                .hasMessage("e.csv:3: the input ends in the middle of a record: its last line has no line break and"
                        + " cannot be read (record has 2 fields, but the header has 3): '2025-01-02,em'. The file"
                        + " looks cut off, as when it is still being written or was copied incompletely; read it once"
                        + " it is complete (or, if the record is really bad, fix it and end it with a line break)");
    }

    @Test
    void lastRecordCutInAQuoteOrValue_failsTheSource() {
        assertThatThrownBy(() -> readAll(CsvSource.builder(write(dir, "q.csv",
                "day,channel,visitors\n2025-01-01,\"ema")).schema(SCHEMA).build()))
                .hasMessageContaining("its last line has no line break and cannot be read (record has an unbalanced"
                        + " quote");
        assertThatThrownBy(() -> readAll(CsvSource.builder(write(dir, "v.csv",
                "day,channel,visitors\n2025-01-01,email,1\n2025-01-02,web,1x")).schema(SCHEMA).build()))
                .hasMessageContaining("cannot be read (column 'visitors': ");
    }

    @Test
    void lastRecordWithoutLineBreak_thatReads_isARecord() {
        CsvTesting.Result r = readAll(CsvSource.builder(write(dir, "ok.csv", "day,channel,visitors\n2025-01-01,email,12"))
                .schema(SCHEMA).build());
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void badRecordWithLineBreak_atTheEnd_isRejectedAsBefore() {
        CsvTesting.Result r = readAll(CsvSource.builder(write(dir, "b.csv",
                "day,channel,visitors\n2025-01-01,email,12\n2025-01-02,em\n")).schema(SCHEMA).build());
        assertThat(r.rejected()).extracting(RejectedRow::line).containsExactly(3L);
    }

    @Test
    void openQuoteOverSeveralLinesAtTheEnd_isAStrayQuote_rejectedLineByLine() {
        CsvTesting.Result r = readAll(CsvSource.builder(write(dir, "s.csv",
                "day,channel,visitors\n2025-01-01,\"email,12\n2025-01-02,web,3")).schema(SCHEMA).build());
        assertThat(r.rejected()).extracting(RejectedRow::line).containsExactly(2L);
        assertThat(r.rows()).hasSize(1);
    }

    @Test
    void fileTruncatedWhileRead_failsTheSource() throws IOException {
        Path p = write(dir, "t.csv", rows(1000));
        long size = Files.size(p);
        try (CsvSource source = CsvSource.builder(p).schema(SCHEMA).batchSize(100).build()) {
            assertThat(source.next().size()).isEqualTo(100);
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                c.truncate(size / 2);
            }
            assertThatThrownBy(() -> drain(source)).isInstanceOf(SourceException.class)
                    .hasMessageContaining("t.csv:")
                    .hasMessageContaining(": the file changed while it was read (its size went from "
                            + String.format("%,d to %,d bytes)", size, size / 2));
        }
    }

    @Test
    void fileAppendedWhileRead_failsTheSource() throws IOException {
        Path p = write(dir, "a.csv", rows(1000));
        try (CsvSource source = CsvSource.builder(p).schema(SCHEMA).batchSize(100).build()) {
            source.next();
            Files.writeString(p, "2025-01-02,web,1\n", StandardOpenOption.APPEND);
            assertThatThrownBy(() -> drain(source)).hasMessageContaining("the file changed while it was read (its size"
                    + " went from ");
        }
    }

    @Test
    void fileRewrittenInPlaceWhileRead_failsEveryPartition() throws IOException {
        Path p = write(dir, "r.csv", rows(3000));
        CsvSource source = CsvSource.builder(p).schema(SCHEMA).batchSize(100).build();
        List<RecordSource> parts = source.split(3);
        parts.get(0).next();
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        for (RecordSource part : parts) {
            assertThatThrownBy(() -> drain(part)).hasMessageContaining("the file changed while it was read (it was"
                    + " modified at 2030-01-01T00:00:00Z, after ");
            part.close();
        }
    }

    @Test
    void fileReplacedWhileRead_failsTheSource() throws IOException {
        Path p = write(dir, "x.csv", rows(1000));
        try (CsvSource source = CsvSource.builder(p).schema(SCHEMA).batchSize(100).build()) {
            source.next();
            Path other = write(dir, "y.csv", rows(1000));
            Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> drain(source)).hasMessageContaining("the file changed while it was read");
        }
    }

    @Test
    void unchangedFile_readsToTheEnd() {
        Path p = write(dir, "u.csv", rows(1000));
        assertThat(readAll(CsvSource.builder(p).schema(SCHEMA).batchSize(100).build().split(2)).rows()).hasSize(1000);
    }

    private static void drain(RecordSource s) {
        for (RecordBatch b = s.next(); b != null; b = s.next()) {
            // read to the end
        }
    }
}
