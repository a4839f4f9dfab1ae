package dev.lanyard.kiosk.support;

import dev.lanyard.kiosk.core.store.Replica;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** The statements jOOQ renders and runs on a replica (what fixed SQL through plain JDBC avoids, ADR 0331). */
public final class RenderedStatements {
    private RenderedStatements() {
    }

    /** The SQL of every statement jOOQ runs on {@code replica} from now on, as it runs. */
    public static List<String> from(Replica replica) {
        List<String> rendered = new CopyOnWriteArrayList<>();
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                rendered.add(ctx.sql());
            }
        };
        replica.write(tx -> tx.dsl().configuration().set(new DefaultExecuteListenerProvider(listener)));
        return rendered;
    }
}
