package bankrisk.tiering;

import bankrisk.testing.DistributableSqlContract;

/** This service's migrations and SQL stay free of what would block the Citus plan (README, Scale-out). */
class DistributableSqlTest extends DistributableSqlContract {
}
