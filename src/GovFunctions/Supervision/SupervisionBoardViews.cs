namespace GovFunctions.Supervision;

/// <summary>
/// The supervision board (<c>GET /api/supervision/board</c>, 亮灯): the caller's open items grouped by owner department, each
/// with its light; the same model renders the zh-CN page (<c>Templates/Supervision/board</c>) and answers JSON.
/// </summary>
public sealed record SupervisionBoardView(string AsOf, IReadOnlyList<BoardLightView> Lights, IReadOnlyList<BoardDepartmentView> Departments,
    BoardFilterView Filter);

/// <summary>How many items show one light (green, blue, yellow, red), with its Chinese name.</summary>
public sealed record BoardLightView(string Color, string Name, int Count);

/// <summary>One owner department (牵头单位) on the board and its items, the reddest first.</summary>
public sealed record BoardDepartmentView(string DepartmentId, string Name, IReadOnlyList<BoardItemView> Items);

/// <summary>
/// One item on the board: its light, owner, supervising leader (分管领导), due date, progress, working days overdue (0 when not
/// overdue), and the link to the item.
/// </summary>
public sealed record BoardItemView(string Id, string Title, string Color, string ColorName, string Status, string StatusName,
    string OwnerDepartmentName, string SupervisingLeaderName, DateOnly DueDate, string DueDateText, int Percent, int ExpectedPercent,
    int DaysOverdue, string Link);

/// <summary>The filters the board was asked for (the list route's names), and the choices its filter form offers.</summary>
public sealed record BoardFilterView(IReadOnlyList<BoardChoiceView> Departments, IReadOnlyList<BoardChoiceView> Leaders,
    IReadOnlyList<BoardChoiceView> Statuses, IReadOnlyList<BoardChoiceView> Colors, IReadOnlyList<BoardChoiceView> Sources,
    string DueBefore);

/// <summary>One option of a board filter, and whether it is the one asked for.</summary>
public sealed record BoardChoiceView(string Value, string Label, bool Selected);
