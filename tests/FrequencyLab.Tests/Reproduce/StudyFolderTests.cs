using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>The output folder rule: a new or empty folder, or a study of the same options; anything else is refused before a
/// byte is written, and nothing of the user's is touched.</summary>
public class StudyFolderTests
{
    private static ReproduceOptions Options(string folder, ReproduceProfile? profile = null) =>
        new(folder, RepoPaths.Root) { Profile = profile ?? ReproduceProfile.Tiny };

    private static string[] Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => f + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))).ToArray();

    [Fact]
    public void A_folder_with_other_files_is_refused_and_left_as_it_was()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("thesis.tex"), "my work");
        Directory.CreateDirectory(tmp.File("runs"));
        File.WriteAllText(tmp.File("runs/notes.txt"), "notes");
        var before = Snapshot(tmp.Path);

        var e = Assert.Throws<FrequencyLabException>(() => new ReproduceJob(Options(tmp.Path)) { Stages = [new DataStage()] }.Run());
        Assert.Contains("is not empty and holds no study (no reproduce.json); choose another --out", e.Message);
        Assert.Equal(before, Snapshot(tmp.Path));
    }

    [Fact]
    public void A_reproduce_json_that_is_not_ours_is_refused()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("reproduce.json"), "{\"format\": \"something-else\"}");
        var e = Assert.Throws<FrequencyLabException>(() => StudyFolder.Open(Options(tmp.Path)));
        Assert.Contains("is not a freqlab reproduce manifest", e.Message);
        File.WriteAllText(tmp.File("reproduce.json"), "not json");
        Assert.Throws<FrequencyLabException>(() => StudyFolder.Open(Options(tmp.Path)));
    }

    [Fact]
    public void A_study_of_another_profile_or_engine_is_not_continued()
    {
        using var tmp = new TempDir();
        new ReproduceJob(Options(tmp.Path)) { Stages = [new DataStage()] }.Run();
        var before = Snapshot(tmp.Path);
        var quick = Assert.Throws<FrequencyLabException>(() => StudyFolder.Open(Options(tmp.Path, ReproduceProfile.Quick)));
        Assert.Contains("holds a study of other settings (a tiny study; this is a quick one)", quick.Message);
        var torch = Assert.Throws<FrequencyLabException>(() => StudyFolder.Open(Options(tmp.Path) with { Engine = "torch" }));
        Assert.Contains("on the fused engine, not torch", torch.Message);
        Assert.Equal(before, Snapshot(tmp.Path));
    }

    [Fact]
    public void An_empty_or_new_folder_is_taken_and_a_file_is_refused()
    {
        using var tmp = new TempDir();
        Assert.Empty(StudyFolder.Open(Options(tmp.Path)).Stages);
        Assert.Empty(StudyFolder.Open(Options(tmp.File("new/deeper"))).Stages);
        File.WriteAllText(tmp.File("file"), "x");
        Assert.Contains("is a file", Assert.Throws<FrequencyLabException>(() => StudyFolder.Open(Options(tmp.File("file")))).Message);
    }

    [Fact]
    public void The_verb_refuses_a_foreign_folder_with_one_line_and_exit_1()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("data.csv"), "1,2,3");
        var r = Freqlab.Run("reproduce", "--tiny", "--out", tmp.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("is not empty and holds no study", r.StdErr);
        Assert.Equal(["data.csv"], Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_verb_rejects_bad_options_with_one_line()
    {
        using var tmp = new TempDir();
        var jobs = Freqlab.Run("reproduce", "--tiny", "--jobs", "0", "--out", tmp.File("x"));
        Assert.Equal(2, jobs.ExitCode);
        Assert.Single(jobs.ErrorLines);
        var engine = Freqlab.Run("reproduce", "--tiny", "--engine", "gpu", "--out", tmp.File("y"));
        Assert.NotEqual(0, engine.ExitCode);
        Assert.Single(engine.ErrorLines);
        Assert.False(Directory.Exists(tmp.File("x")) || Directory.Exists(tmp.File("y")));
        Assert.Equal(2, Freqlab.Run("reproduce", "--no-such-flag").ExitCode);
    }
}
