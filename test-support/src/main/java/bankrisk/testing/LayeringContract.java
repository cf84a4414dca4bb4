package bankrisk.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service keeps: domain code (everything outside the {@code grpc} and {@code rest} adapter
 * packages) is plain Java that knows neither the generated contract classes nor gRPC, so rules and arithmetic can
 * be read and unit-tested alone, and a contract change touches only the adapters.
 */
public abstract class LayeringContract {

    private final String basePackage;

    protected LayeringContract(String basePackage) {
        this.basePackage = basePackage;
    }

    @Test
    void domainCodeDoesNotUseTheContractsOrGrpc() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages("..grpc..", "..rest..")
                .should().dependOnClassesThat().resideInAnyPackage("bank..", "io.grpc..", "io.quarkus.grpc..")
                .because("domain code is plain Java; only the grpc and rest adapters map contracts")
                .check(classes);
    }

    /**
     * Who acts and why is read once where a gRPC call arrives ({@code Caller.actor()}) and passed into the domain as
     * an {@code Actor}: nothing outside the {@code grpc} packages reads the gRPC context, directly
     * ({@code io.grpc.Context}) or through the platform's readers of it (the change-reason header, the caller's
     * reason). The context is per thread and absent on the worker threads month-end runs and stream ends use, and
     * REST calls have none at all.
     */
    @Test
    void onlyTheGrpcAdapterReadsTheGrpcContext() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackage("..grpc..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.grpc.Context")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("bankrisk.platform.security.ChangeReason")
                .orShould().callMethod("bankrisk.platform.security.Caller", "reason")
                .orShould().callMethod("bankrisk.platform.security.Caller", "actor")
                .because("the actor is read once at the gRPC edge and passed in explicitly (issue 18, item 4)")
                .check(classes);
    }

    @Test
    void adaptersAreNotUsedByTheDomain() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages("..grpc..", "..rest..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage + ".grpc..", basePackage + ".rest..")
                .check(classes);
    }
}
