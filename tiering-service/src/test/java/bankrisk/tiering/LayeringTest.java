package bankrisk.tiering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Domain code never sees the contracts: only the grpc package maps generated types. */
class LayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bankrisk.tiering");

    @Test
    void domainPackagesDoNotImportGeneratedProtoOrTheGrpcAdapter() {
        noClasses().that().resideOutsideOfPackage("bankrisk.tiering.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("bank..", "bankrisk.tiering.grpc..", "io.grpc..")
                .check(classes);
    }
}
