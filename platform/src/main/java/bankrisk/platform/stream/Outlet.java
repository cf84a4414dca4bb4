package bankrisk.platform.stream;

/** The sending side of one server stream, whichever stub style the service is written in. Not thread-safe. */
interface Outlet<T> {

    /** Whether the transport takes another message without buffering it beyond its small send window. */
    boolean isReady();

    void send(T message);

    void complete();

    void fail(Throwable failure);
}
