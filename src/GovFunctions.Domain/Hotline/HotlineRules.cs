namespace GovFunctions.Hotline;

/// <summary>What the operator typed; every field may be missing or wrong.</summary>
public sealed record CallIntake(
    string? CallerName,
    string? CallerPhone,
    DateTimeOffset? ReceivedAt,
    CallCategory? Category,
    string? Content,
    string? Location,
    Disposition? Disposition,
    string? Answer,
    string? DepartmentId);

/// <summary>Working-day limits per category (section <c>Hotline:Deadlines</c>), the usual 12345 limits by default.</summary>
public sealed class HotlineDeadlines
{
    public int Urgent { get; set; } = 0;
    public int Consultation { get; set; } = 3;
    public int Complaint { get; set; } = 13;
    public int Request { get; set; } = 13;
    public int Suggestion { get; set; } = 13;

    public int For(CallCategory c) => c switch
    {
        CallCategory.Urgent => Urgent,
        CallCategory.Consultation => Consultation,
        CallCategory.Complaint => Complaint,
        CallCategory.Request => Request,
        _ => Suggestion,
    };
}

/// <summary>The rules of the district-head hotline (Art. 37) and the practice of China's 12345 lines.</summary>
public static class HotlineRules
{
    public const string Art37 = "第三十七条 (Art. 37)";

    /// <summary>Who may record calls: the operators, and the district head and deputies who staff the line themselves (Art. 37).</summary>
    public static bool MayAnswerTheLine(Person p) =>
        p.Role is Role.HotlineOperator or Role.DistrictHead or Role.ExecutiveDeputyHead or Role.DeputyHead;

    public static void Validate(CallIntake c, OrgChart org, DateTimeOffset now)
    {
        var errors = new FieldErrors()
            .Required("callerName", c.CallerName, "来电人").MaxLength("callerName", c.CallerName, 50, "来电人")
            .Required("content", c.Content, "来电内容").MaxLength("content", c.Content, 4000, "来电内容")
            .MaxLength("location", c.Location, 200, "地点").MaxLength("answer", c.Answer, 4000, "答复内容")
            .Received("receivedAt", c.ReceivedAt, now, 30, "来电时间");
        if (string.IsNullOrWhiteSpace(c.CallerPhone)) errors.Add("callerPhone", "来电号码为必填项", "callerPhone is required");
        else if (!IsPhone(c.CallerPhone)) errors.Add("callerPhone", "来电号码格式不正确", "callerPhone is not a phone number");
        if (c.Category is null) errors.Add("category", "请选择来电类别", "category is required");
        switch (c.Disposition)
        {
            case null:
                errors.Add("disposition", "请选择处理方式（当场答复、交办、上报）", "disposition is required: answered, assign or escalate");
                break;
            case Disposition.Answered:
                errors.Required("answer", c.Answer, "答复内容");
                break;
            case Disposition.Assign when string.IsNullOrWhiteSpace(c.DepartmentId):
                errors.Add("departmentId", "交办须指定承办部门", "departmentId is required to assign a call");
                break;
            case Disposition.Assign when org.FindDepartment(c.DepartmentId) is null:
                errors.Add("departmentId", "承办部门不存在", "departmentId is not a department");
                break;
            case Disposition.Escalate when !string.IsNullOrWhiteSpace(c.DepartmentId) && org.FindDepartment(c.DepartmentId) is null:
                errors.Add("departmentId", "承办部门不存在", "departmentId is not a department");
                break;
        }
        errors.ThrowIfAny();
    }

    /// <summary>The deadline of a call on the working-day clock: close of office on the N-th working day after it came in.</summary>
    public static DateTimeOffset DeadlineFor(CallCategory category, DateTimeOffset from, WorkingCalendar calendar, HotlineDeadlines limits) =>
        calendar.DeadlineAfter(from, limits.For(category));

    /// <summary>
    /// Who an escalation goes to (重大、疑难问题向主管领导汇报, Art. 37): the leader whose portfolio holds the department the
    /// matter concerns; without a department, the district head.
    /// </summary>
    public static Person ResponsibleLeader(OrgChart org, string? departmentId) =>
        departmentId is not null && org.FindDepartment(departmentId) is not null ? org.SupervisorOf(departmentId) : org.DistrictHead;

    /// <summary>
    /// 138****5678: a mobile number or one with its area code (11+ digits) keeps its first three and last four digits;
    /// a local number (8–10 digits) only its last four; a short one (a service number) its last two. A number of eight or
    /// more digits always has at least four hidden.
    /// </summary>
    public static string Mask(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        return digits.Length switch
        {
            >= 11 => $"{digits[..3]}****{digits[^4..]}",
            >= 8 => $"****{digits[^4..]}",
            > 2 => new string('*', digits.Length - 2) + digits[^2..],
            _ => "****",
        };
    }

    public static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsDigit);
        return digits is >= 5 and <= 15 && phone.All(c => char.IsDigit(c) || c is '-' or ' ' or '+' or '(' or ')');
    }

    /// <summary>
    /// How alike two texts are: the overlap of their character bigrams relative to the shorter text (works for Chinese
    /// without word segmentation; a short call about the same lamp matches a long one).
    /// </summary>
    public static double Similarity(string a, string b) => Overlap(Bigrams(a), Bigrams(b));

    /// <summary>The character bigrams of a text without its whitespace and punctuation, each as its two UTF-16 units.</summary>
    private static HashSet<int> Bigrams(string s)
    {
        var set = new HashSet<int>();
        var previous = -1;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c)) continue;
            if (previous >= 0) set.Add(previous << 16 | c);
            previous = c;
        }
        return set;
    }

    private static double Overlap(HashSet<int> x, HashSet<int> y)
    {
        if (x.Count == 0 || y.Count == 0) return 0;
        var (small, large) = x.Count <= y.Count ? (x, y) : (y, x);
        var shared = 0;
        foreach (var b in small) if (large.Contains(b)) shared++;
        return shared / (double)small.Count;
    }

    public const double SameIssueSimilarity = 0.4;

    /// <summary>
    /// The same issue from another caller: an open call of the same category, at the same place, with similar text,
    /// received within the window. Such calls are linked and shown as linked, never merged.
    /// </summary>
    public static bool IsSameIssue(HotlineCall open, CallCategory category, string? location, string content, DateTimeOffset receivedAt, TimeSpan window) =>
        !string.IsNullOrWhiteSpace(location) && Matches(open, category, location, receivedAt, window)
        && Similarity(open.Content, content) >= SameIssueSimilarity;

    /// <summary>
    /// The ids of the open calls that are the same issue as a new call (<see cref="IsSameIssue"/>), in the order given, at most
    /// <paramref name="max"/>: the new call's text is split into bigrams once, not once per open call.
    /// </summary>
    public static List<string> SameIssueIds(IEnumerable<HotlineCall> open, CallCategory category, string? location, string content,
        DateTimeOffset receivedAt, TimeSpan window, int max = 20)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(location)) return ids;
        HashSet<int>? probe = null;
        foreach (var call in open)
        {
            if (ids.Count >= max) break;
            if (Matches(call, category, location, receivedAt, window)
                && Overlap(Bigrams(call.Content), probe ??= Bigrams(content)) >= SameIssueSimilarity)
                ids.Add(call.Id);
        }
        return ids;
    }

    /// <summary>
    /// Everything of the same-issue rule but the text (<see cref="IsSameIssue"/>): the open calls worth comparing a new call's
    /// text with, picked out of the index without copying the others.
    /// </summary>
    public static bool MayBeSameIssue(HotlineCall open, CallCategory category, string? location, DateTimeOffset receivedAt,
        TimeSpan window) => !string.IsNullOrWhiteSpace(location) && Matches(open, category, location, receivedAt, window);

    /// <summary>Everything of the same-issue rule but the text: open, same category, within the window, same place.</summary>
    private static bool Matches(HotlineCall open, CallCategory category, string location, DateTimeOffset receivedAt, TimeSpan window) =>
        open.IsOpen && open.Category == category
        && receivedAt - open.ReceivedAt <= window && receivedAt >= open.ReceivedAt.AddMinutes(-5)
        && SamePlace(open.Location, location);

    /// <summary>Two places are the same when they are equal once whitespace is left out (compared without copying them).</summary>
    private static bool SamePlace(string? a, string b)
    {
        a ??= "";
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && char.IsWhiteSpace(a[i])) i++;
            while (j < b.Length && char.IsWhiteSpace(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (a[i++] != b[j++]) return false;
        }
    }

    public enum OverdueStage { None, Remind, Accountability }

    /// <summary>
    /// Overdue handling: from the working day after a missed deadline the department is reminded (and its supervising leader
    /// copied); five more working days later the call goes on the accountability list (Art. 32).
    /// </summary>
    public static OverdueStage Overdue(HotlineCall call, DateTimeOffset now, WorkingCalendar calendar, int accountabilityAfterWorkingDays = 5)
    {
        if (call.Status != CallStatus.Assigned || call.DueAt is not { } due || now <= due) return OverdueStage.None;
        var remindFrom = calendar.NextWorkingDay(ChinaTime.DateOf(due));
        var today = ChinaTime.DateOf(now);
        if (today < remindFrom) return OverdueStage.None;
        return calendar.WorkingDaysBetween(remindFrom, today) >= accountabilityAfterWorkingDays ? OverdueStage.Accountability : OverdueStage.Remind;
    }
}
