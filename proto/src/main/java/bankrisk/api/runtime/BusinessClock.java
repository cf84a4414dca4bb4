package bankrisk.api.runtime;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/**
 * The clock of the bank's business day. Dates such as "today" or "a month in the future" are judged in the bank's
 * time zone, not the server's (a pod in UTC would otherwise change the business date at 08:00 in Beijing).
 */
public class BusinessClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "bankrisk.business-time-zone", defaultValue = "Asia/Shanghai") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
