package bankrisk.provision.grpc;

import java.time.OffsetDateTime;
import java.time.YearMonth;

import bank.provision.v1.JournalEntryKind;
import bank.provision.v1.LedgerPosting;
import bank.provision.v1.LedgerPostingKind;
import bank.provision.v1.LedgerPostingLine;
import bank.provision.v1.RunApprovalStatus;
import bank.provision.v1.RunLifecycle;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.provision.close.JournalPosting;
import bankrisk.provision.close.PostingLine;

/** Maps a run's close state and its postings to the contract. */
final class CloseMapper {

    private CloseMapper() {
    }

    static RunLifecycle toProto(bankrisk.provision.run.RunLifecycle lifecycle) {
        return RunLifecycle.newBuilder()
                .setStatus(Enums.toProto(lifecycle.status(), RunApprovalStatus.class))
                .setSubmittedBy(text(lifecycle.submittedBy()))
                .setSubmittedAt(time(lifecycle.submittedAt()))
                .setDecidedBy(text(lifecycle.decidedBy()))
                .setDecidedAt(time(lifecycle.decidedAt()))
                .setReversalRequestedBy(text(lifecycle.reversalRequestedBy()))
                .setReversalRequestedAt(time(lifecycle.reversalRequestedAt()))
                .setPostingId(lifecycle.postingId())
                .setReversalId(lifecycle.reversalId())
                .build();
    }

    static LedgerPosting toProto(JournalPosting posting) {
        String currency = posting.currencyCode();
        LedgerPosting.Builder out = LedgerPosting.newBuilder()
                .setPostingId(posting.id())
                .setKind(Enums.toProto(posting.kind(), LedgerPostingKind.class))
                .setRunId(posting.runId())
                .setPreviousRunId(posting.previousRunId())
                .setReversesPostingId(posting.reversesId())
                .setPostingDate(Dates.toDate(posting.postingDate()))
                .setPeriod(Dates.toYearMonth(YearMonth.parse(posting.period())))
                .setPostedBy(posting.postedBy())
                .setPostedAt(time(posting.postedAt()))
                .setTotalDebit(Decimals.toMoney(posting.totalDebit(), currency))
                .setTotalCredit(Decimals.toMoney(posting.totalCredit(), currency));
        for (PostingLine line : posting.lines()) {
            out.addLines(LedgerPostingLine.newBuilder()
                    .setLineNo(line.lineNo())
                    .setEntryId(line.entryId())
                    .setEntryKind(JournalEntryKind.valueOf("JOURNAL_ENTRY_KIND_" + line.entryKind()))
                    .setBranchCode(line.branchCode())
                    .setAccountCode(line.accountCode())
                    .setAccountName(line.accountName())
                    .setDebit(Decimals.toMoney(line.debit(), currency))
                    .setCredit(Decimals.toMoney(line.credit(), currency))
                    .setDescription(line.description()));
        }
        return out.build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "" : time.toString();
    }
}
