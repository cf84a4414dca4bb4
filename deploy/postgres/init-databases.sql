-- docker-compose: each service's database with its two logins (PostgreSQL's entrypoint runs this once, on an empty
-- volume, as its superuser): <service>_owner owns the schema and runs the migrations, <service>_app is what the
-- service connects as (deploy/postgres/service-database.sql). The passwords are the compose file's, for a local
-- machine only; never a deployment's.
CREATE DATABASE tiering;
\connect tiering
SET bankrisk.owner = 'tiering_owner';
SET bankrisk.owner_password = 'tiering_owner';
SET bankrisk.service = 'tiering_app';
SET bankrisk.service_password = 'tiering_app';
\i /bankrisk/service-database.sql

\connect postgres
CREATE DATABASE loan_risk;
\connect loan_risk
SET bankrisk.owner = 'loan_risk_owner';
SET bankrisk.owner_password = 'loan_risk_owner';
SET bankrisk.service = 'loan_risk_app';
SET bankrisk.service_password = 'loan_risk_app';
\i /bankrisk/service-database.sql

\connect postgres
CREATE DATABASE provision;
\connect provision
SET bankrisk.owner = 'provision_owner';
SET bankrisk.owner_password = 'provision_owner';
SET bankrisk.service = 'provision_app';
SET bankrisk.service_password = 'provision_app';
\i /bankrisk/service-database.sql
