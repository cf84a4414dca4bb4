-- loan-risk's own copy of FX rates (issue 13): the value of one unit of a currency in the reporting currency on one
-- date. Loaded by PutFxRates; never read from tiering's database (services talk only through contracts).
CREATE TABLE fx_rate (
    currency  CHAR(3)        NOT NULL,
    rate_date DATE           NOT NULL,
    rate      NUMERIC(20, 8) NOT NULL CHECK (rate > 0),
    loaded_at TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (currency, rate_date)
);
