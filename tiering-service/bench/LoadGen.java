import java.time.YearMonth;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import bank.common.v1.Date;
import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.tiering.v1.*;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/** Streams customers x days of balances to LoadBalances with flow control, then evaluates the month. */
public class LoadGen {
    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        YearMonth month = YearMonth.parse(args[1]);
        int chunkRows = 5000;
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", 9000).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        TieringServiceGrpc.TieringServiceStub async = TieringServiceGrpc.newStub(channel);
        TieringServiceGrpc.TieringServiceBlockingStub blocking = TieringServiceGrpc.newBlockingStub(channel);

        PutFxRatesRequest.Builder rates = PutFxRatesRequest.newBuilder();
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            rates.addRates(FxRate.newBuilder().setCurrencyCode("USD").setBaseCurrencyCode("CNY")
                    .setRateDate(Date.newBuilder().setYear(month.getYear()).setMonth(month.getMonthValue()).setDay(d))
                    .setRate(Decimal.newBuilder().setValue("7.1" + d)));
        }
        blocking.putFxRates(rates.build());

        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        async.loadBalances(new ClientResponseObserver<LoadBalancesRequest, LoadBalancesResponse>() {
            ClientCallStreamObserver<LoadBalancesRequest> out;
            int customer = 0;
            int day = 1;
            boolean finished;
            long rows;

            public void beforeStart(ClientCallStreamObserver<LoadBalancesRequest> requestStream) {
                out = requestStream;
                out.setOnReadyHandler(() -> {
                    while (out.isReady() && !finished) {
                        LoadBalancesRequest.Builder chunk = LoadBalancesRequest.newBuilder();
                        while (chunk.getBalancesCount() < chunkRows && customer < customers) {
                            String c = String.format("C%07d", customer);
                            Date date = Date.newBuilder().setYear(month.getYear()).setMonth(month.getMonthValue()).setDay(day).build();
                            // Balances spread over every tier: 0 .. ~10M, changing by day.
                            long cents = ((long) customer * 7919L + day * 104729L) % 1_000_000_000L;
                            chunk.addBalances(Balance.newBuilder().setCustomerNumber(c).setAccountId(c + "-D")
                                    .setAssetType(AssetType.ASSET_TYPE_DEPOSIT).setBalanceDate(date)
                                    .setBalance(Money.newBuilder().setAmount(java.math.BigDecimal.valueOf(cents, 2).toPlainString()).setCurrencyCode("CNY")));
                            if (customer % 10 == 0) {
                                chunk.addBalances(Balance.newBuilder().setCustomerNumber(c).setAccountId(c + "-U")
                                        .setAssetType(AssetType.ASSET_TYPE_FUND).setBalanceDate(date)
                                        .setBalance(Money.newBuilder().setAmount((1000 + customer % 5000) + ".25").setCurrencyCode("USD")));
                            }
                            if (++day > month.lengthOfMonth()) {
                                day = 1;
                                customer++;
                            }
                        }
                        rows += chunk.getBalancesCount();
                        if (chunk.getBalancesCount() > 0) {
                            out.onNext(chunk.build());
                        }
                        if (customer >= customers) {
                            finished = true;
                            System.out.println("sent rows: " + rows);
                            out.onCompleted();
                        }
                    }
                });
            }

            public void onNext(LoadBalancesResponse value) {
                System.out.println("ack: " + value.toString().replace('\n', ' '));
            }

            public void onError(Throwable t) {
                t.printStackTrace();
                done.countDown();
            }

            public void onCompleted() {
                done.countDown();
            }
        });
        done.await();
        System.out.printf("LoadBalances: %.1f s%n", (System.nanoTime() - start) / 1e9);

        if (args.length > 2) {
            start = System.nanoTime();
            blocking.evaluateMonth(EvaluateMonthRequest.newBuilder()
                    .setMonth(bank.common.v1.YearMonth.newBuilder().setYear(month.getYear()).setMonth(month.getMonthValue()))
                    .setForce(true).build())
                    .forEachRemaining(p -> System.out.println("progress: " + p.toString().replace('\n', ' ')));
            System.out.printf("EvaluateMonth: %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }
}
