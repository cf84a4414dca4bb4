package bankrisk.tiering.grpc;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import bank.tiering.v1.AssetWeight;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CreateValueClassSchemeRequest;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.tiering.balance.AssetType;
import bankrisk.tiering.scheme.Tier;
import bankrisk.tiering.scheme.TierScheme;
import bankrisk.tiering.scheme.ValueClassScheme;

/** Maps tier and value-class schemes between the contract and the domain, checking every field. */
final class SchemeMapper {

    private static final BigDecimal WEIGHT_SCALE_LIMIT = BigDecimal.ONE;

    private SchemeMapper() {
    }

    static TierScheme toDomain(CreateSchemeRequest request) {
        Violations violations = new Violations();
        if (!request.hasScheme()) {
            violations.add("scheme", "is required");
            violations.throwIfAny();
        }
        bank.tiering.v1.TierScheme in = request.getScheme();
        String name = Texts.line(in.getName(), "scheme.name", 100, violations);
        YearMonth effective = Dates.parse(in.getEffectiveMonth(), "scheme.effective_month", violations);
        String base = Decimals.parseCurrency(in.getBaseCurrencyCode(), "scheme.base_currency_code", violations);
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < in.getTiersCount(); i++) {
            bank.tiering.v1.Tier tier = in.getTiers(i);
            String path = "scheme.tiers[" + i + "]";
            BigDecimal bound = Inputs.nonNegativeAmount(tier.getLowerBound(), path + ".lower_bound", violations);
            if (bound != null && base != null && !base.equals(tier.getLowerBound().getCurrencyCode())) {
                violations.add(path + ".lower_bound.currency_code", "must be the base currency " + base);
            }
            tiers.add(new Tier(Texts.identifier(tier.getCode(), path + ".code", 32, violations),
                    Texts.line(tier.getDisplayName(), path + ".display_name", 100, violations), bound,
                    tier.hasDowngradeGraceMonths() ? tier.getDowngradeGraceMonths() : null));
        }
        TierScheme.validate(in.getDowngradeGraceMonths(), tiers, "scheme", violations);
        Map<AssetType, BigDecimal> weights = new EnumMap<>(AssetType.class);
        for (int i = 0; i < in.getAssetWeightsCount(); i++) {
            AssetWeight weight = in.getAssetWeights(i);
            String path = "scheme.asset_weights[" + i + "]";
            AssetType type = BalanceMapper.assetType(weight.getAssetType(), path + ".asset_type", violations);
            BigDecimal value = Inputs.nonNegative(weight.getWeight(), path + ".weight", violations);
            if (value != null && (value.signum() < 0 || value.compareTo(WEIGHT_SCALE_LIMIT) > 0
                    || value.stripTrailingZeros().scale() > 4)) {
                violations.add(path + ".weight.value", "must be between 0 and 1 with at most 4 decimals");
            } else if (type != null && value != null && weights.put(type, value) != null) {
                violations.add(path + ".asset_type", "is weighted twice");
            }
        }
        violations.throwIfAny();
        return new TierScheme(0, name, effective, base, in.getDowngradeGraceMonths(), tiers, weights);
    }

    static bank.tiering.v1.TierScheme toProto(TierScheme scheme) {
        bank.tiering.v1.TierScheme.Builder out = bank.tiering.v1.TierScheme.newBuilder()
                .setVersion(scheme.version())
                .setName(scheme.name())
                .setEffectiveMonth(Dates.toYearMonth(scheme.effectiveMonth()))
                .setBaseCurrencyCode(scheme.baseCurrency())
                .setDowngradeGraceMonths(scheme.downgradeGraceMonths());
        for (Tier tier : scheme.tiers()) {
            bank.tiering.v1.Tier.Builder proto = bank.tiering.v1.Tier.newBuilder()
                    .setCode(tier.code())
                    .setDisplayName(tier.displayName())
                    .setLowerBound(Decimals.toMoney(tier.lowerBound(), scheme.baseCurrency()));
            if (tier.downgradeGraceMonths() != null) {
                proto.setDowngradeGraceMonths(tier.downgradeGraceMonths());
            }
            out.addTiers(proto);
        }
        new java.util.TreeMap<>(scheme.assetWeights()).forEach((type, weight) -> out.addAssetWeights(AssetWeight.newBuilder()
                .setAssetType(BalanceMapper.toProto(type))
                .setWeight(Decimals.toDecimal(weight.stripTrailingZeros()))));
        return out.build();
    }

    static ValueClassScheme toDomain(CreateValueClassSchemeRequest request) {
        Violations violations = new Violations();
        if (!request.hasScheme()) {
            violations.add("scheme", "is required");
            violations.throwIfAny();
        }
        bank.tiering.v1.ValueClassScheme in = request.getScheme();
        YearMonth effective = Dates.parse(in.getEffectiveMonth(), "scheme.effective_month", violations);
        List<ValueClassScheme.ValueClass> classes = new ArrayList<>();
        for (int i = 0; i < in.getClassesCount(); i++) {
            bank.tiering.v1.ValueClass valueClass = in.getClasses(i);
            String path = "scheme.classes[" + i + "]";
            String code = valueClass.getCode().matches("[A-Za-z0-9]{1,8}") ? valueClass.getCode() : null;
            violations.require(code != null, path + ".code", "must be 1 to 8 letters or digits");
            BigDecimal share = Inputs.nonNegative(valueClass.getCumulativeShare(), path + ".cumulative_share", violations);
            if (share != null && share.stripTrailingZeros().scale() > 8) {
                violations.add(path + ".cumulative_share.value", "has more than 8 decimals");
                share = null;
            }
            classes.add(new ValueClassScheme.ValueClass(code, share));
        }
        ValueClassScheme.validate(classes, "scheme", violations);
        violations.throwIfAny();
        return new ValueClassScheme(0, effective, classes);
    }

    static bank.tiering.v1.ValueClassScheme toProto(ValueClassScheme scheme) {
        bank.tiering.v1.ValueClassScheme.Builder out = bank.tiering.v1.ValueClassScheme.newBuilder()
                .setVersion(scheme.version())
                .setEffectiveMonth(Dates.toYearMonth(scheme.effectiveMonth()));
        scheme.classes().forEach(c -> out.addClasses(bank.tiering.v1.ValueClass.newBuilder()
                .setCode(c.code())
                .setCumulativeShare(Decimals.toDecimal(c.cumulativeShare().stripTrailingZeros()))));
        return out.build();
    }
}
