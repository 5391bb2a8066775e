package dev.spindle.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerProcessesTest {

    @Test
    void workerJvmsCountThePrimesAndFillTheSharedArrayWithProgressOnTheChannel() throws Exception {
        Printed<WorkerProcesses.Findings> run = Printed.of(WorkerProcesses::run);
        WorkerProcesses.Findings findings = run.result();
        assertEquals(List.of(7_393L, 6_455L, 6_172L, 5_977L), findings.counts());
        assertEquals(25_997, findings.sieve());
        assertFalse(findings.workers().contains(findings.self()), "a task ran in the example's own JVM");
        assertTrue(findings.workers().size() <= 2, "more workers than the pool has: " + findings.workers());
        assertEquals(WorkerProcesses.PARTS, findings.progress().size());
        for (int part = 0; part < WorkerProcesses.PARTS; part++) {
            String expected = "part " + part + " filled by pid ";
            assertTrue(findings.progress().stream().anyMatch(message -> message.startsWith(expected)), findings.progress().toString());
        }
        assertEquals(WorkerProcesses.ELEMENTS, findings.sum(), 1e-6, "the workers' writes did not all reach the shared array");
        assertTrue(run.output().contains("(a sieve agrees)"), run.output());
    }
}
