from django.core.management.base import BaseCommand

from members.seed import DEFAULT_SEED, GROUP_COUNT, INDIVIDUAL_COUNT, seed_network


class Command(BaseCommand):
    help = (
        "Create the demo network (105 groups, 500 individuals) from a fixed seed. "
        "Idempotent: members whose member number exists are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--groups", type=int, default=GROUP_COUNT)
        parser.add_argument("--individuals", type=int, default=INDIVIDUAL_COUNT)

    def handle(self, *args, seed, groups, individuals, **options):
        result = seed_network(seed=seed, groups=groups, individuals=individuals)
        self.stdout.write(
            f"Demo network: {result.groups_created} groups and "
            f"{result.individuals_created} individuals created."
        )
