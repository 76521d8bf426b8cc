using AutoMapper;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Library.Common;

namespace Soundscape.Application.IntegrationTests.Mapping;

/// <summary>The AutoMapper profiles of the Application layer, as AddApplication registers them.</summary>
public sealed class MappingConfigurationTests
{
    [Test]
    public void MappingConfiguration_OfTheApplication_IsValid()
    {
        var mapper = Testing.Services.GetRequiredService<IMapper>();

        // Fails naming any DTO member that no entity member or explicit rule fills.
        Should.NotThrow(() => mapper.ConfigurationProvider.AssertConfigurationIsValid());
        var dto = mapper.Map<SoundDto>(Persistence.TestData.Sound("rain", Soundscape.Domain.Vectors.TasteVector.Create(1, 0, 0, 0, 0)));
        dto.Title.ShouldBe("rain");
        dto.Embedding.ShouldNotBeNull().Rain.ShouldBe(1);
    }
}
