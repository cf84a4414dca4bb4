package bankrisk.platform.load;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import bankrisk.common.error.ResourceExhaustedException;
import bankrisk.common.security.Actor;
import bankrisk.platform.audit.AuditLog;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The staged-load skeleton every bulk load of a service runs on (see {@link StagedLoad}). A streamed load takes one
 * of {@code bankrisk.load.max-concurrent} slots (one more is RESOURCE_EXHAUSTED) and one connection of the service's
 * bulk pool (the named datasource {@value #BULK_DATASOURCE}, sized by the same number), so loads, however many and
 * however slow their clients, never take a connection the other calls need. A load of one request (a few rows in a
 * unary call) runs on the ordinary pool, as every other unary call does.
 */
@ApplicationScoped
public class StagedLoads {

    /** The datasource of streamed loads; a service that has any configures it (see the README). */
    public static final String BULK_DATASOURCE = "bulk";

    private final DataSource requests;
    private final InjectableInstance<AgroalDataSource> bulk;
    private final LoadSettings settings;
    private final AuditLog audit;
    private final Semaphore slots;
    private final LongAdder streamedRows = new LongAdder();

    @Inject
    StagedLoads(DataSource requests, @io.quarkus.agroal.DataSource(BULK_DATASOURCE) InjectableInstance<AgroalDataSource> bulk,
            LoadSettings settings, AuditLog audit) {
        this.requests = requests;
        this.bulk = bulk;
        this.settings = settings;
        this.audit = audit;
        this.slots = new Semaphore(settings.maxConcurrent());
    }

    /** Starts a streamed load (no I/O yet), or refuses it with RESOURCE_EXHAUSTED when every slot is taken. */
    public <R, T> StagedLoad<R, T> stream(LoadTarget<R, T> target, Actor actor) {
        if (!slots.tryAcquire()) {
            throw new ResourceExhaustedException("bankrisk.load.max-concurrent", settings.maxConcurrent() + " bulk loads are running, the most this service"
                    + " runs at once (bankrisk.load.max-concurrent); retry when one has finished");
        }
        try {
            // The slot goes back once, when the load ends.
            return new StagedLoad<>(target, actor, bulk.get(), settings, audit, streamedRows, slots::release);
        } catch (RuntimeException failure) {
            slots.release();
            throw failure;
        }
    }

    /** Starts the load of one request's rows, on the ordinary pool and outside the streamed loads' slots. */
    public <R, T> StagedLoad<R, T> request(LoadTarget<R, T> target, Actor actor) {
        return new StagedLoad<>(target, actor, requests, settings, audit, null, () -> {
        });
    }

    /** Streamed loads running now. */
    public int running() {
        return settings.maxConcurrent() - slots.availablePermits();
    }

    /** Rows that streamed loads have taken since the service started (valid or not, committed or not). */
    public long streamedRows() {
        return streamedRows.sum();
    }

    public LoadSettings settings() {
        return settings;
    }
}
