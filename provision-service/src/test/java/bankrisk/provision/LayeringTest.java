package bankrisk.provision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Domain code is plain Java: only the grpc adapter (and tests) touch the generated contract classes. */
class LayeringTest {

    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bankrisk.provision");

    @Test
    void onlyTheGrpcAdapterImportsGeneratedContractClasses() {
        noClasses().that().resideOutsideOfPackage("bankrisk.provision.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("bank..", "io.grpc..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotKnowItsTransports() {
        noClasses().that().resideOutsideOfPackages("bankrisk.provision.grpc..", "bankrisk.provision.rest..")
                .should().dependOnClassesThat().resideInAnyPackage("bankrisk.provision.grpc..", "bankrisk.provision.rest..", "jakarta.ws.rs..")
                .check(classes);
    }
}
