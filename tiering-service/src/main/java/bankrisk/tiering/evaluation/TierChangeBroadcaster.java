package bankrisk.tiering.evaluation;

import java.time.YearMonth;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the subscribers of this instance that a month's evaluation was committed. In-process only: other instances
 * of the service do not hear it (their subscribers catch up by replaying from a month when they reconnect).
 */
@ApplicationScoped
public class TierChangeBroadcaster {

    private final Set<Consumer<YearMonth>> listeners = new CopyOnWriteArraySet<>();

    public Runnable subscribe(Consumer<YearMonth> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void evaluated(YearMonth month) {
        listeners.forEach(listener -> listener.accept(month));
    }
}
