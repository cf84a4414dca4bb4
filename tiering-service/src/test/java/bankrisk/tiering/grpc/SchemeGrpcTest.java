package bankrisk.tiering.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bank.common.v1.Decimal;
import bank.common.v1.Money;
import bank.tiering.v1.CreateSchemeRequest;
import bank.tiering.v1.CreateValueClassSchemeRequest;
import bank.tiering.v1.ListSchemesRequest;
import bank.tiering.v1.ListValueClassSchemesRequest;
import bank.tiering.v1.Tier;
import bank.tiering.v1.TierScheme;
import bank.tiering.v1.TieringServiceGrpc.TieringServiceBlockingStub;
import bank.tiering.v1.ValueClass;
import bank.tiering.v1.ValueClassScheme;
import bankrisk.api.error.StatusDetails;
import bankrisk.common.security.Roles;
import bankrisk.testing.TestTokens;
import bankrisk.tiering.TieringFixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SchemeGrpcTest {

    @GrpcClient("tiering")
    TieringServiceBlockingStub tiering;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void reset() throws Exception {
        tiering = GrpcClientUtils.attachHeaders(tiering, TestTokens.headers("tier-admin-1", Roles.TIER_ADMIN));
        TieringFixtures.reset(dataSource);
    }

    @Test
    void theMinsheng2017SchemeIsSeeded() {
        TierScheme seeded = tiering.listSchemes(ListSchemesRequest.getDefaultInstance()).getSchemes(0);

        assertThat(seeded.getVersion()).isEqualTo(1);
        assertThat(seeded.getEffectiveMonth().getYear()).isEqualTo(2017);
        assertThat(seeded.getEffectiveMonth().getMonth()).isEqualTo(3);
        assertThat(seeded.getBaseCurrencyCode()).isEqualTo("CNY");
        assertThat(seeded.getTiersList()).extracting(Tier::getCode, Tier::getDisplayName, t -> t.getLowerBound().getAmount())
                .containsExactly(
                        tuple("XINRAN", "欣然", "50000.00"),
                        tuple("YOURAN", "悠然", "300000.00"),
                        tuple("ZHUORAN", "卓然", "1000000.00"),
                        tuple("PRIVATE", "私人銀行", "8000000.00"));
    }

    @Test
    void aNewSchemeGetsTheNextVersionAndIsListed() {
        TierScheme created = tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(TierScheme.newBuilder()
                .setName("CMB Sunflower")
                .setEffectiveMonth(TieringFixtures.month(2024, 7))
                .setBaseCurrencyCode("CNY")
                .setDowngradeGraceMonths(3)
                .addTiers(tier("SUNFLOWER", "500000.00"))
                .addTiers(tier("PRIVATE", "10000000.00"))).build());

        assertThat(created.getVersion()).isEqualTo(2);
        assertThat(tiering.listSchemes(ListSchemesRequest.getDefaultInstance()).getSchemesList())
                .extracting(TierScheme::getVersion, TierScheme::getName, TierScheme::getDowngradeGraceMonths)
                .containsExactly(tuple(1, "Minsheng 2017", 0), tuple(2, "CMB Sunflower", 3));
    }

    @Test
    void aTierMayCarryItsOwnGraceAndATierWithoutOneKeepsTheSchemes() {
        TierScheme.Builder bohai = TierScheme.newBuilder()
                .setName("Bohai")
                .setEffectiveMonth(TieringFixtures.month(2024, 7))
                .setBaseCurrencyCode("CNY")
                .setDowngradeGraceMonths(3)
                .addTiers(tier("MASS", "50000.00"))
                .addTiers(tier("PRIVATE", "6000000.00").toBuilder().setDowngradeGraceMonths(6));

        TierScheme created = tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bohai).build());

        assertThat(created.getTiersList()).extracting(Tier::getCode, Tier::hasDowngradeGraceMonths,
                Tier::getDowngradeGraceMonths).containsExactly(tuple("MASS", false, 0), tuple("PRIVATE", true, 6));
        assertThat(tiering.listSchemes(ListSchemesRequest.getDefaultInstance()).getSchemes(1)).isEqualTo(created);
        // The same scheme again is a retry; another tier grace is a new version.
        assertThatThrownBy(() -> tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bohai).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        bohai.getTiersBuilder(1).setDowngradeGraceMonths(5);
        assertThat(tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bohai).build()).getVersion()).isEqualTo(3);
        bohai.getTiersBuilder(0).setDowngradeGraceMonths(25);
        assertThatThrownBy(() -> tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(bohai).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(StatusDetails.fieldViolations(e))
                        .containsEntry("scheme.tiers[0].downgrade_grace_months", "must be between 0 and 24"));
    }

    @Test
    void unorderedDuplicateAndNegativeBoundsAreRejectedAndNothingIsStored() {
        assertThatThrownBy(() -> tiering.createScheme(CreateSchemeRequest.newBuilder().setScheme(TierScheme.newBuilder()
                .setName("Broken")
                .setEffectiveMonth(TieringFixtures.month(2024, 7))
                .setBaseCurrencyCode("CNY")
                .addTiers(tier("A", "-1.00"))
                .addTiers(tier("B", "300.00"))
                .addTiers(tier("B", "200.00"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(StatusDetails.fieldViolations(e)).containsOnlyKeys("scheme.tiers[0].lower_bound.amount",
                            "scheme.tiers[2].code", "scheme.tiers[2].lower_bound.amount");
                });
        assertThat(tiering.listSchemes(ListSchemesRequest.getDefaultInstance()).getSchemesCount()).isEqualTo(1);
    }

    @Test
    void valueClassSchemesAreVersionedDataWithTheDefaultSeeded() {
        assertThat(tiering.listValueClassSchemes(ListValueClassSchemesRequest.getDefaultInstance()).getSchemes(0)
                .getClassesList()).extracting(ValueClass::getCode, c -> c.getCumulativeShare().getValue())
                .containsExactly(tuple("A", "0.8"), tuple("B", "0.95"), tuple("C", "1"));

        ValueClassScheme created = tiering.createValueClassScheme(CreateValueClassSchemeRequest.newBuilder()
                .setScheme(ValueClassScheme.newBuilder()
                        .setEffectiveMonth(TieringFixtures.month(2024, 1))
                        .addClasses(valueClass("A", "0.7"))
                        .addClasses(valueClass("B", "1")))
                .build());
        assertThat(created.getVersion()).isEqualTo(2);

        assertThatThrownBy(() -> tiering.createValueClassScheme(CreateValueClassSchemeRequest.newBuilder()
                .setScheme(ValueClassScheme.newBuilder()
                        .setEffectiveMonth(TieringFixtures.month(2024, 1))
                        .addClasses(valueClass("A", "0.7"))
                        .addClasses(valueClass("B", "0.9")))
                .build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(StatusDetails.fieldViolations(e))
                                .containsOnlyKeys("scheme.classes[1].cumulative_share.value"));
    }

    private static Tier tier(String code, String bound) {
        return Tier.newBuilder().setCode(code).setDisplayName(code)
                .setLowerBound(Money.newBuilder().setAmount(bound).setCurrencyCode("CNY")).build();
    }

    private static ValueClass valueClass(String code, String share) {
        return ValueClass.newBuilder().setCode(code).setCumulativeShare(Decimal.newBuilder().setValue(share)).build();
    }
}
