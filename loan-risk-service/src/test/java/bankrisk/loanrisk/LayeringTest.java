package bankrisk.loanrisk;

import bankrisk.testing.LayeringContract;

class LayeringTest extends LayeringContract {

    LayeringTest() {
        super("bankrisk.loanrisk");
    }
}
