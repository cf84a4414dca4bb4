package bankrisk.tiering;

import bankrisk.testing.LayeringContract;

class LayeringTest extends LayeringContract {

    LayeringTest() {
        super("bankrisk.tiering");
    }
}
