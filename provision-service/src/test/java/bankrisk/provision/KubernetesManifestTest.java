package bankrisk.provision;

import bankrisk.testing.KubernetesManifestContract;

class KubernetesManifestTest extends KubernetesManifestContract {

    KubernetesManifestTest() {
        super("provision-service");
    }
}
