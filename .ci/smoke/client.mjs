// Calls the three packaged services over gRPC from Node.js, loading only the .proto files of proto/:
// proves that a client in another language needs nothing but the contracts.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';

const root = new URL('../../proto/src/main/proto/', import.meta.url).pathname;
const definition = protoLoader.loadSync(
  ['bank/tiering/v1/tiering.proto', 'bank/loanrisk/v1/loanrisk.proto', 'bank/provision/v1/provision.proto'],
  { includeDirs: [root], keepCase: true, enums: String, defaults: true });
const api = grpc.loadPackageDefinition(definition).bank;
const insecure = grpc.credentials.createInsecure();
// Every call carries a bearer token (made by `bankrisk token` in smoke.sh); none means UNAUTHENTICATED.
const client = (Service, port, token) => {
  const stub = new Service(`127.0.0.1:${port}`, insecure);
  const metadata = new grpc.Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  return new Proxy(stub, { get: (target, name) => (request) => promisify(target[name]).call(target, request, metadata) });
};

const tieringPort = process.env.TIERING_GRPC_PORT ?? 9000;
const tiering = client(api.tiering.v1.TieringService, tieringPort, process.env.TIER_ADMIN_TOKEN);
const loanRisk = client(api.loanrisk.v1.LoanRiskService, process.env.LOAN_RISK_GRPC_PORT ?? 9100, process.env.RISK_OFFICER_TOKEN);
const provision = client(api.provision.v1.ProvisionService, process.env.PROVISION_GRPC_PORT ?? 9200, process.env.FINANCE_TOKEN);
const anonymous = client(api.tiering.v1.TieringService, tieringPort, null);
const financeAtTiering = client(api.tiering.v1.TieringService, tieringPort, process.env.FINANCE_TOKEN);
const run = Date.now().toString(36);

await assert.rejects(anonymous.getCustomer({ customer_number: 'ANY' }), (e) => e.code === grpc.status.UNAUTHENTICATED);
await assert.rejects(financeAtTiering.getCustomer({ customer_number: 'ANY' }), (e) => e.code === grpc.status.PERMISSION_DENIED);

const customer = {
  customer_number: `SMOKE-${run}`, name: '李四', kind: 'CUSTOMER_KIND_PERSON', branch_code: 'SH-001',
  onboarded_on: { year: 2019, month: 5, day: 20 },
};
await tiering.createCustomer({ customer });
const readCustomer = await tiering.getCustomer({ customer_number: customer.customer_number });
assert.equal(readCustomer.name, '李四');
assert.equal(readCustomer.kind, 'CUSTOMER_KIND_PERSON');

await assert.rejects(tiering.createCustomer({ customer: { ...customer, kind: 'CUSTOMER_KIND_UNSPECIFIED' } }),
  (e) => e.code === grpc.status.INVALID_ARGUMENT && e.details.includes('customer.kind'));
await assert.rejects(tiering.createCustomer({ customer }), (e) => e.code === grpc.status.ALREADY_EXISTS);

const cny = (amount) => ({ amount, currency_code: 'CNY' });
const loan = {
  loan_id: `SMOKE-${run}`, borrower_customer_number: customer.customer_number, borrower_kind: 'BORROWER_KIND_RETAIL',
  product: 'PRODUCT_PERSONAL_CONSUMPTION', branch_code: 'SH-001', principal: cny('200000.00'),
  outstanding_balance: cny('150000.50'), origination_date: { year: 2024, month: 1, day: 10 },
  maturity_date: { year: 2027, month: 1, day: 10 }, collateral_kind: 'COLLATERAL_KIND_NONE',
  collateral_value: cny('0'), guaranteed: true,
};
await loanRisk.registerLoan({ loan });
const readLoan = await loanRisk.getLoan({ loan_id: loan.loan_id });
assert.equal(readLoan.outstanding_balance.amount, '150000.50');
await assert.rejects(loanRisk.getLoan({ loan_id: 'NO-SUCH-LOAN' }), (e) => e.code === grpc.status.NOT_FOUND);

const policy = await provision.getPolicy({ policy_code: 'PBOC-2002', version: 0 });
assert.deepEqual(policy.rates.map((r) => r.rate.value), ['0', '0.02', '0.25', '0.5', '1']);
assert.equal(policy.general_reserve_rate.value, '0.01');

// A client that ends its side of a load stream and then cancels (what grpc-js does when its user gives up right after
// end()) must get nothing committed and leave no audit entry; the same load sent whole afterwards then inserts every
// row, which it could not if the cancelled one had been stored.
const streaming = (Service, port, token) => {
  const stub = new Service(`127.0.0.1:${port}`, insecure);
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return (method, rows, cancel) => new Promise((resolve, reject) => {
    const call = stub[method](metadata, (error, response) => (error ? reject(error) : resolve(response)));
    let written = 0;
    rows.forEach((row) => call.write(row, () => {
      if (++written === rows.length) {
        call.end();
        if (cancel) call.cancel();
      }
    }));
  });
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const loadsCommitted = async (service, actor, action) =>
  Number(String((await service.listAuditEvents({ actor, action, page: { page_size: 10 } })).page.total_size));

const balances = Array.from({ length: 50 }, (_, i) => ({ balances: [{
  customer_number: `SMOKE-${run}`, account_id: `SMOKE-${run}-${i}`, asset_type: 'ASSET_TYPE_DEPOSIT',
  balance_date: { year: 2024, month: 1, day: 2 }, balance: cny(`${i}.50`),
}] }));
const loadBalances = streaming(api.tiering.v1.TieringService, tieringPort, process.env.TIER_ADMIN_TOKEN);
await assert.rejects(loadBalances('loadBalances', balances, true), (e) => e.code === grpc.status.CANCELLED);
const facts = Array.from({ length: 50 }, (_, i) => ({
  loan_id: `SMOKE-${run}-${i}`, as_of: { year: 2024, month: 1, day: 31 }, loan: { ...loan, loan_id: `SMOKE-${run}-${i}` },
  outstanding_balance: cny('150000.50'), collateral_value: cny('0'),
}));
const loadFacts = streaming(api.loanrisk.v1.LoanRiskService, process.env.LOAN_RISK_GRPC_PORT ?? 9100,
  process.env.RISK_OFFICER_TOKEN);
await assert.rejects(loadFacts('loadLoanFacts', facts, true), (e) => e.code === grpc.status.CANCELLED);
await sleep(2000); // time for the services to finish with the cancelled calls
await assert.rejects(loanRisk.getLoan({ loan_id: facts[0].loan_id }), (e) => e.code === grpc.status.NOT_FOUND);
assert.equal(await loadsCommitted(tiering, 'smoke-admin', 'BALANCES_LOADED'), 0);
assert.equal(await loadsCommitted(loanRisk, 'smoke-officer', 'FACTS_LOADED'), 0);
assert.equal(Number(String((await loadBalances('loadBalances', balances, false)).inserted)), 50);
assert.equal(Number(String((await loadFacts('loadLoanFacts', facts, false)).facts_inserted)), 50);
assert.equal(await loadsCommitted(tiering, 'smoke-admin', 'BALANCES_LOADED'), 1);
assert.equal(await loadsCommitted(loanRisk, 'smoke-officer', 'FACTS_LOADED'), 1);
console.log('smoke: loads ended then cancelled by a Node.js client committed nothing; sent whole they committed once');

console.log('smoke: tiering, loan-risk and provision answered a Node.js client built from the .proto files');
