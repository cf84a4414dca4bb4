package bankrisk.loanrisk;

import bankrisk.testing.KubernetesManifestContract;

class KubernetesManifestTest extends KubernetesManifestContract {

    KubernetesManifestTest() {
        super("loan-risk-service");
    }
}
