package bankrisk.tiering.scheme;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import bankrisk.common.error.Violations;
import bankrisk.tiering.balance.AssetType;

/**
 * A version of the tier scheme: tiers in ascending order of their inclusive lower bounds, the base currency of
 * bounds and averages, the downgrade grace and the asset weights (1.0 for types not listed).
 */
public record TierScheme(int version, String name, YearMonth effectiveMonth, String baseCurrency, int downgradeGraceMonths,
        List<Tier> tiers, Map<AssetType, BigDecimal> assetWeights) {

    public static final int MAX_TIERS = 20;
    public static final int MAX_GRACE_MONTHS = 24;

    public TierScheme {
        tiers = List.copyOf(tiers);
        assetWeights = Map.copyOf(assetWeights);
    }

    /**
     * Rank (1 = lowest tier) of the highest tier whose bound the average reaches, or 0 for no tier. Bounds are
     * inclusive: an average of exactly the bound qualifies.
     */
    public int qualifiedRank(BigDecimal average) {
        int rank = 0;
        for (int i = 0; i < tiers.size(); i++) {
            if (average.compareTo(tiers.get(i).lowerBound()) >= 0) {
                rank = i + 1;
            }
        }
        return rank;
    }

    /** The tier of a rank, or null for rank 0. */
    public Tier tier(int rank) {
        return rank == 0 ? null : tiers.get(rank - 1);
    }

    /** Rank of a tier code in this scheme, or 0 when the scheme has no such tier. */
    public int rankOf(String code) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).code().equals(code)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Checks the rules a scheme must keep: at least one tier, unique codes, non-negative strictly rising bounds. */
    public static void validate(int grace, List<Tier> tiers, String field, Violations violations) {
        violations.require(grace >= 0 && grace <= MAX_GRACE_MONTHS, field + ".downgrade_grace_months",
                "must be between 0 and " + MAX_GRACE_MONTHS);
        if (tiers.isEmpty() || tiers.size() > MAX_TIERS) {
            violations.add(field + ".tiers", "must have 1 to " + MAX_TIERS + " tiers");
            return;
        }
        Set<String> codes = new HashSet<>();
        BigDecimal previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            String path = field + ".tiers[" + i + "]";
            if (tier.code() != null && !codes.add(tier.code())) {
                violations.add(path + ".code", "'" + tier.code() + "' is used by an earlier tier");
            }
            Integer ownGrace = tier.downgradeGraceMonths();
            violations.require(ownGrace == null || (ownGrace >= 0 && ownGrace <= MAX_GRACE_MONTHS),
                    path + ".downgrade_grace_months", "must be between 0 and " + MAX_GRACE_MONTHS);
            BigDecimal bound = tier.lowerBound();
            if (bound == null) {
                continue;
            }
            if (bound.signum() < 0) {
                violations.add(path + ".lower_bound.amount", "must not be negative");
            } else if (previous != null && bound.compareTo(previous) <= 0) {
                violations.add(path + ".lower_bound.amount", "must be greater than the bound of the tier before ("
                        + previous.toPlainString() + ")");
            }
            previous = bound;
        }
    }

    /** Same rules as {@code other} (versions aside; amounts compared by value, so 0.8 equals 0.8000). */
    public boolean sameContentAs(TierScheme other) {
        if (!name.equals(other.name) || !effectiveMonth.equals(other.effectiveMonth)
                || !baseCurrency.equals(other.baseCurrency) || downgradeGraceMonths != other.downgradeGraceMonths
                || tiers.size() != other.tiers.size() || !assetWeights.keySet().equals(other.assetWeights.keySet())) {
            return false;
        }
        for (int i = 0; i < tiers.size(); i++) {
            Tier mine = tiers.get(i);
            Tier theirs = other.tiers.get(i);
            if (!mine.code().equals(theirs.code()) || !mine.displayName().equals(theirs.displayName())
                    || mine.lowerBound().compareTo(theirs.lowerBound()) != 0
                    || !java.util.Objects.equals(mine.downgradeGraceMonths(), theirs.downgradeGraceMonths())) {
                return false;
            }
        }
        return assetWeights.entrySet().stream()
                .allMatch(weight -> weight.getValue().compareTo(other.assetWeights.get(weight.getKey())) == 0);
    }

    /** The codes of the tiers, lowest first. */
    public List<String> codes() {
        List<String> codes = new ArrayList<>();
        tiers.forEach(t -> codes.add(t.code()));
        return codes;
    }
}
