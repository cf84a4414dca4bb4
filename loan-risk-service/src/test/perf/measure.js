// Times ClassifyPortfolio and streaming a snapshot against a running loan-risk-service (run by hand):
//   node measure.js 127.0.0.1:9100 2024-03-31 [slow]
// Needs @grpc/grpc-js and @grpc/proto-loader (npm) and PROTO_DIR pointing at proto/src/main/proto.
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const protoDir = process.env.PROTO_DIR;
const def = loader.loadSync('bank/loanrisk/v1/loanrisk.proto', { includeDirs: [protoDir], keepCase: true, enums: String, longs: String });
const pkg = grpc.loadPackageDefinition(def).bank.loanrisk.v1;
const [target, asOfText, mode] = process.argv.slice(2);
const [year, month, day] = asOfText.split('-').map(Number);
const loanRisk = new pkg.LoanRiskService(target, grpc.credentials.createInsecure());
const snapshots = new pkg.SnapshotService(target, grpc.credentials.createInsecure(),
    { 'grpc.max_receive_message_length': 4 * 1024 * 1024 });

function classify() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let last;
    const call = loanRisk.ClassifyPortfolio({ as_of: { year, month, day }, actor: 'perf' });
    call.on('data', p => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      console.log(`  ${p.stage} after ${ms.toFixed(0)} ms, loans ${p.loans_graded}, existed ${p.already_existed}`);
      last = p;
    });
    call.on('error', reject);
    call.on('status', s => { if (s.code !== 0) console.log('  status', s.code, s.details); });
    call.on('end', () => last && resolve({ snapshot: last.snapshot, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  });
}

function stream(snapshotId) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let n = 0, previous = '', ordered = true;
    const call = snapshots.StreamSnapshotGrades({ snapshot_id: snapshotId });
    call.on('data', g => {
      n++;
      if (g.loan_id <= previous) ordered = false;
      previous = g.loan_id;
      if (mode === 'slow' && n % 1000 === 0) { call.pause(); setTimeout(() => call.resume(), 100); }
    });
    call.on('error', reject);
    call.on('end', () => resolve({ n, ordered, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  });
}

(async () => {
  const run = await classify();
  console.log(`ClassifyPortfolio ${asOfText}: ${run.ms.toFixed(0)} ms, ${run.snapshot.loan_count} loans, total ${run.snapshot.total_balance.amount}`);
  const s = await stream(run.snapshot.snapshot_id);
  console.log(`StreamSnapshotGrades: ${s.n} rows in ${s.ms.toFixed(0)} ms (${(s.n / s.ms * 1000).toFixed(0)} rows/s), ordered ${s.ordered}`);
})().catch(e => { console.error(e); process.exit(1); });
