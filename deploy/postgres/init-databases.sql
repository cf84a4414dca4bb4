-- Each service owns its database (docker-compose runs this once, on an empty PostgreSQL volume).
CREATE DATABASE tiering;
CREATE DATABASE loan_risk;
CREATE DATABASE provision;
