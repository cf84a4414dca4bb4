package bankrisk.tiering.grpc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;
import bank.tiering.v1.LoadBalancesResponse;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.RowPath;
import bankrisk.common.error.Violations;
import bankrisk.common.money.Rates;
import bankrisk.platform.load.RowReader;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.balance.BalanceRow;
import bankrisk.tiering.balance.LoadResult;

/** Maps balances and FX rates from the contract, checking every field with its path in the request. */
final class BalanceMapper {

    /** FX rates per PutFxRates call (balances have their configured limits). */
    static final int MAX_RATES = 10_000;

    private BalanceMapper() {
    }

    /** Reads one row under its path in the call; its violations go to {@code violations}. */
    static BalanceRow read(Balance in, RowPath path, Violations violations) {
        String customer = Texts.identifier(in.getCustomerNumber(), path.field("customer_number"), 32, violations);
        String account = Texts.identifier(in.getAccountId(), path.field("account_id"), 64, violations);
        AssetType type = assetType(in.getAssetType(), path.field("asset_type"), violations);
        LocalDate date = bankrisk.api.convert.Dates.parse(in.getBalanceDate(), path.field("balance_date"), violations);
        BigDecimal amount = Inputs.nonNegativeAmount(in.getBalance(), path.field("balance"), violations);
        String currency = Decimals.parseCurrency(in.getBalance().getCurrencyCode(), path.field("balance.currency_code"),
                violations);
        return new BalanceRow(customer, account, type, date, currency, amount);
    }

    /** The rows of a message, each read when the load takes it (under its index across the whole call). */
    static List<RowReader<BalanceRow>> readers(List<Balance> balances) {
        List<RowReader<BalanceRow>> readers = new ArrayList<>(balances.size());
        for (Balance balance : balances) {
            readers.add((path, violations) -> read(balance, path, violations));
        }
        return readers;
    }

    static LoadBalancesResponse toProto(LoadResult result) {
        return LoadBalancesResponse.newBuilder()
                .setReceived(result.received())
                .setInserted(result.inserted())
                .setReplaced(result.replaced())
                .build();
    }

    static List<bankrisk.tiering.balance.FxRate> rates(List<FxRate> rates) {
        Violations violations = new Violations();
        if (rates.isEmpty() || rates.size() > MAX_RATES) {
            violations.add("rates", "must have 1 to " + MAX_RATES + " rates");
            violations.throwIfAny();
        }
        List<bankrisk.tiering.balance.FxRate> read = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            FxRate in = rates.get(i);
            String path = "rates[" + i + "]";
            String currency = Decimals.parseCurrency(in.getCurrencyCode(), path + ".currency_code", violations);
            String base = Decimals.parseCurrency(in.getBaseCurrencyCode(), path + ".base_currency_code", violations);
            if (currency != null && currency.equals(base)) {
                violations.add(path + ".base_currency_code", "must differ from currency_code");
            }
            LocalDate date = bankrisk.api.convert.Dates.parse(in.getRateDate(), path + ".rate_date", violations);
            BigDecimal rate = Decimals.parse(in.getRate(), path + ".rate", violations);
            if (rate != null && rate.signum() <= 0) {
                violations.add(path + ".rate.value", "must be greater than 0");
            } else if (rate != null && rate.stripTrailingZeros().scale() > Rates.SCALE) {
                violations.add(path + ".rate.value", "has more than " + Rates.SCALE + " decimals");
            } else if (rate != null && rate.compareTo(BigDecimal.TEN.pow(15)) >= 0) {
                violations.add(path + ".rate.value", "must be less than 10^15");
            } else if (rate != null) {
                read.add(new bankrisk.tiering.balance.FxRate(currency, base, date, Rates.round(rate)));
            }
        }
        violations.throwIfAny();
        return read;
    }

    static AssetType assetType(bank.tiering.v1.AssetType type, String field, Violations violations) {
        return switch (type) {
            case ASSET_TYPE_DEPOSIT -> AssetType.DEPOSIT;
            case ASSET_TYPE_WEALTH_MANAGEMENT -> AssetType.WEALTH_MANAGEMENT;
            case ASSET_TYPE_FUND -> AssetType.FUND;
            case ASSET_TYPE_INSURANCE -> AssetType.INSURANCE;
            case ASSET_TYPE_PRECIOUS_METAL -> AssetType.PRECIOUS_METAL;
            case ASSET_TYPE_OTHER -> AssetType.OTHER;
            default -> {
                violations.add(field, "must be one of the ASSET_TYPE_ values other than UNSPECIFIED");
                yield null;
            }
        };
    }

    static bank.tiering.v1.AssetType toProto(AssetType type) {
        return bank.tiering.v1.AssetType.valueOf("ASSET_TYPE_" + type.name());
    }
}
