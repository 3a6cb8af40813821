package io.tradingmetrics.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportLinesTest {
    @Test
    void aChildsTablesAndTargetsArriveInTheParentsReportAsTheyWere() {
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        Report child = Report.printingProgressOnly(new PrintStream(ignored, true, StandardCharsets.UTF_8));
        child.add(new ResultTable("Reads\tof a child", "query", "p50").row("raw range", "0.06")
                .row("odd \\ cell\nwith a line end", "").note("a note | with a pipe"));
        child.add(new ResultTable("Second", "a").row("1"));
        child.target(new Target("reads", "<= 1.15x", "worst 1.06x", Target.Verdict.PASS));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ReportLines.write(child, new PrintStream(lines, true, StandardCharsets.UTF_8));
        assertThat(ignored.size()).as("a child's report prints no tables").isZero();

        Report parent = new Report(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> received = new java.util.ArrayList<>(List.of("RESULT unrelated=1", "READY step"));
        received.addAll(lines.toString(StandardCharsets.UTF_8).lines().toList());
        ReportLines.read(received, parent);

        assertThat(parent.markdown()).isEqualTo(child.markdown());
        assertThat(parent.tables()).extracting(ResultTable::title).containsExactly("Reads\tof a child", "Second");
        assertThat(parent.tables().get(0).rows()).containsExactly(List.of("raw range", "0.06"),
                List.of("odd \\ cell\nwith a line end", ""));
        assertThat(parent.targets()).containsExactly(new Target("reads", "<= 1.15x", "worst 1.06x",
                Target.Verdict.PASS));
    }
}
