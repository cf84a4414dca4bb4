package bankrisk.provision.run;

/** Receives a run's progress; throwing from it (e.g. because the caller went away) aborts the run. */
@FunctionalInterface
public interface ProgressListener {

    void progress(RunProgress progress);
}
