package bankrisk.tiering;

import bankrisk.testing.KubernetesManifestContract;

class KubernetesManifestTest extends KubernetesManifestContract {

    KubernetesManifestTest() {
        super("tiering-service");
    }
}
