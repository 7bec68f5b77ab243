package httpbench.strategy;

import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row is named in one place, its registry constant: every strategy reports that name, on every blocking client. */
class RegistryNamesTest {

    @Test
    void everyRowsStrategyIsNamedByItsConstant() {
        for (Registry r : Registry.all()) {
            for (BlockingClient.Kind k : BlockingClient.Kind.values()) {
                assertEquals(r.name(), r.create(k).name(), r + " on " + k);
            }
        }
    }

    @Test
    void aStrategyThatIsNoRowSaysWhereToAddIt() {
        Strategy stray = new Strategy() {
            @Override public void open(Workload w) { }
            @Override public BatchResult run(Workload w) { return null; }
            @Override public String describe() { return ""; }
            @Override public void close() { }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, stray::name);
        assertTrue(e.getMessage().contains("is no row of the Registry: add its line there"), e.getMessage());
    }
}
