package bankrisk.provision.policy;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** The rate of one category and the band [minRate, maxRate] the regulation lets it float in. */
@Embeddable
public class CategoryRate {

    @Enumerated(EnumType.STRING)
    public LoanCategory category;

    public BigDecimal rate;

    @Column(name = "min_rate")
    public BigDecimal minRate;

    @Column(name = "max_rate")
    public BigDecimal maxRate;

    public static CategoryRate of(LoanCategory category, BigDecimal rate, BigDecimal minRate, BigDecimal maxRate) {
        CategoryRate categoryRate = new CategoryRate();
        categoryRate.category = category;
        categoryRate.rate = rate;
        categoryRate.minRate = minRate;
        categoryRate.maxRate = maxRate;
        return categoryRate;
    }
}
