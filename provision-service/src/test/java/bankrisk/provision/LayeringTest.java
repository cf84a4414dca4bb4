package bankrisk.provision;

import bankrisk.testing.LayeringContract;

class LayeringTest extends LayeringContract {

    LayeringTest() {
        super("bankrisk.provision");
    }
}
