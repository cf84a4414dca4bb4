package bankrisk.testing;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** What the load contracts need to know of one client-streaming load RPC of a service. */
public interface LoadUnderTest<Q> {

    /** The client-streaming load RPC (e.g. {@code TieringServiceGrpc.getLoadBalancesMethod()}). */
    MethodDescriptor<Q, ?> method();

    /** The headers of a caller whose role may load (a bearer token). */
    Metadata loader();

    /** One message carrying one row for the new key {@code key}, dated by {@code round}, holding {@code value}. */
    Q row(String key, int round, String value);

    /** SELECT of (key, value) of the stored rows whose key is LIKE the one parameter ({@code prefix%}). */
    String storedQuery();

    /** The audit action of a committed load (e.g. {@code BALANCES_LOADED}). */
    String loadedAction();

    /** The name of the load's staging table (a temporary table of the load's transaction). */
    String stagingTable();

    /** One read on the ordinary (unary) path over {@code channel}; OK or NOT_FOUND both mean it answered. */
    Status.Code unaryRead(Channel channel);

    /**
     * Whether a load may replace a stored row's value (facts, balances: the later load wins). A load of immutable
     * records (loan events: a stored id re-sent with other content is ALREADY_EXISTS by design) answers false, and the
     * contract's concurrent loads of the same new keys then carry the same content: a retry racing its original.
     */
    default boolean replacesValues() {
        return true;
    }

    /** How a unary call ended: OK, or the status it failed with. */
    static Status.Code statusOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException answered) {
            return answered.getStatus().getCode();
        }
    }
}
