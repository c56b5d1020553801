using GovFunctions.Forms;

namespace GovFunctions.Supervision;

/// <summary>
/// The office's registration form (立项, <c>GET /api/forms/supervision</c>, <c>Templates/Forms/supervision</c>): the sources,
/// departments and cadences it offers; it posts the fields of <c>POST /api/supervision/items</c>.
/// </summary>
public sealed record SupervisionFormView(FormFunctions.FormBasics Form, IReadOnlyList<Html.Choice> Sources,
    IReadOnlyList<Html.Choice> Departments, IReadOnlyList<Html.Choice> Cadences, string Today)
{
    public static SupervisionFormView Of(FormFunctions.FormBasics form, OrgChart org, DateOnly today) => new(form,
        Enum.GetValues<SupervisionSource>().Where(s => s != SupervisionSource.LegalCase) // a lost case opens its own item (Art. 24)
            .Select(s => new Html.Choice(Platform.Json.Name(s), SupervisionBoard.SourceName(s))).ToList(),
        org.Departments.Select(d => new Html.Choice(d.Id, d.Name)).ToList(),
        [new("weekly", "每周"), new("biweekly", "每两周"), new("monthly", "每月")], today.ToString("yyyy-MM-dd"));
}
