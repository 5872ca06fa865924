"""The fixed material the synthetic authority is built from: its organisation, its demo
users, and the name pools, code-list mixes and texts that the seeded generator draws on.

Everything here is invented. The names are common given names and family names, not
people; the agencies and places are fictional ("Northbrook", "Northshire").
"""

from __future__ import annotations

from dataclasses import dataclass

from safeguard.accounts.models import AgencyKind, Role, TeamKind

# The one password of every demo account: printed by `manage.py demo_logins`, never used in production.
DEMO_PASSWORD = "Northbrook-demo-2026"  # noqa: S105
AUTHORITY_NAME = "Northbrook Borough Council"
# The DfE's local-authority number used in characters 2-4 of the demo's UPNs.
LA_CODE = "801"
LA_ID_PREFIX = "NB"
EMAIL_DOMAIN = "northbrook.example"

# --- Organisation -------------------------------------------------------------------


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    kind: AgencyKind
    code: str = ""


COUNCIL = "council"
POLICE = "police"
NHS_TRUST = "nhs"
HOUSING = "housing"
OFSTED = "ofsted"

AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(COUNCIL, "Northbrook Children's Services", AgencyKind.CHILDRENS_SOCIAL_CARE, LA_CODE),
    AgencySpec(POLICE, "Northshire Police", AgencyKind.POLICE, "NS01"),
    AgencySpec(NHS_TRUST, "Northbrook and District NHS Foundation Trust", AgencyKind.NHS_TRUST, "RNB"),
    AgencySpec("gp.millbridge", "Millbridge Medical Centre", AgencyKind.GP_PRACTICE, "Y90001"),
    AgencySpec("gp.eastfield", "Eastfield Surgery", AgencyKind.GP_PRACTICE, "Y90002"),
    AgencySpec("gp.northbrook", "Northbrook Health Centre", AgencyKind.GP_PRACTICE, "Y90003"),
    AgencySpec("school.academy", "Northbrook Academy", AgencyKind.SCHOOL, "8014001"),
    AgencySpec("school.millbridge", "Millbridge High School", AgencyKind.SCHOOL, "8014002"),
    AgencySpec("school.eastfield", "Eastfield Primary School", AgencyKind.SCHOOL, "8012001"),
    AgencySpec("school.stmarys", "St Mary's CE Primary School", AgencyKind.SCHOOL, "8013001"),
    AgencySpec("school.riverside", "Riverside Primary Academy", AgencyKind.SCHOOL, "8012002"),
    AgencySpec(HOUSING, "Northbrook Homes", AgencyKind.OTHER, ""),
    AgencySpec(OFSTED, "Ofsted", AgencyKind.INSPECTORATE, ""),
)

SECONDARY_SCHOOLS = ("school.academy", "school.millbridge")
PRIMARY_SCHOOLS = ("school.eastfield", "school.stmarys", "school.riverside")
GP_PRACTICES = ("gp.millbridge", "gp.eastfield", "gp.northbrook")


@dataclass(frozen=True)
class TeamSpec:
    key: str
    name: str
    kind: TeamKind
    agency: str = COUNCIL
    # Children's social care teams that hold allocated cases, and what the open piece of
    # work on an allocated child is called.
    open_work_reason: str = ""


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("mash", "Multi-Agency Safeguarding Hub", TeamKind.MASH, open_work_reason="MASH enquiry"),
    TeamSpec(
        "assessment", "Assessment Team North", TeamKind.ASSESSMENT, open_work_reason="Child and family assessment"
    ),
    TeamSpec(
        "assessment.south", "Assessment Team South", TeamKind.ASSESSMENT, open_work_reason="Child and family assessment"
    ),
    TeamSpec("cp", "Child Protection Team East", TeamKind.CHILD_PROTECTION, open_work_reason="Child protection plan"),
    TeamSpec(
        "cp.west", "Child Protection Team West", TeamKind.CHILD_PROTECTION, open_work_reason="Child protection plan"
    ),
    TeamSpec("cic", "Children in Care Team", TeamKind.CHILDREN_IN_CARE, open_work_reason="Looked after: care plan"),
    TeamSpec("leaving", "Leaving Care Team", TeamKind.LEAVING_CARE, open_work_reason="Pathway plan"),
    TeamSpec(
        "exploitation", "Exploitation Team", TeamKind.EXPLOITATION, open_work_reason="Exploitation risk assessment"
    ),
    TeamSpec("iro", "Independent Reviewing Service", TeamKind.REVIEWING),
    TeamSpec("performance", "Performance and Insight", TeamKind.PERFORMANCE),
    TeamSpec("quality", "Quality Assurance", TeamKind.QUALITY),
    TeamSpec("ig", "Information Governance", TeamKind.INFORMATION_GOVERNANCE),
    TeamSpec("systems", "Systems Administration", TeamKind.SYSTEMS),
    TeamSpec("ppu", "Public Protection Unit", TeamKind.PARTNER, agency=POLICE),
    TeamSpec("hv", "0-19 Health Visiting Service", TeamKind.PARTNER, agency=NHS_TRUST),
)

# The teams whose social workers hold allocated cases, and how the allocated caseload of
# the service is spread across them (before age rules narrow who goes where).
CASEHOLDING_TEAM_WEIGHTS: dict[str, float] = {
    "mash": 3,
    "assessment": 15,
    "assessment.south": 15,
    "cp": 12,
    "cp.west": 12,
    "cic": 22,
    "leaving": 8,
    "exploitation": 8,
}
# Age limits (years) for teams that only work with older children.
TEAM_MIN_AGE = {"leaving": 16, "exploitation": 11}
# Teams that may hold a pre-birth assessment for an unborn child.
PRE_BIRTH_TEAMS = ("assessment", "assessment.south", "cp", "cp.west")
CASELOAD_RANGE = (15, 22)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    agency: str
    team: str | None
    job_title: str
    sees: str


def _sw(n: int, team: str, first: str, last: str, sees: str = "") -> DemoUser:
    username = f"sw.{team}{n}"
    return DemoUser(
        username,
        first,
        last,
        Role.SOCIAL_WORKER,
        COUNCIL,
        team,
        "Social worker",
        sees or "Their own caseload, and the children their team is allocated or working with.",
    )


def _tm(team: str, first: str, last: str, sees: str = "") -> DemoUser:
    return DemoUser(
        f"tm.{team}",
        first,
        last,
        Role.TEAM_MANAGER,
        COUNCIL,
        team,
        "Team manager",
        sees or "Their team's children and caseloads, and the team's queue of unallocated work.",
    )


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "hos",
        "Hannah",
        "Osei",
        Role.HEAD_OF_SERVICE,
        COUNCIL,
        None,
        "Head of service",
        "Every child the service is working with, restricted records of allocated children, sealed records, "
        "and the service's figures.",
    ),
    _tm("mash", "Martin", "Ashworth", "The MASH's contacts awaiting screening and its workers' caseloads."),
    _sw(1, "mash", "Priya", "Shah", "Children with an open MASH enquiry, including possible duplicate records."),
    _sw(2, "mash", "Daniel", "Brennan", "Children with an open MASH enquiry, including possible duplicate records."),
    _tm("assessment", "Grace", "Whitfield"),
    _sw(1, "assessment", "Sam", "Okonkwo"),
    _sw(2, "assessment", "Lucy", "Farrell"),
    _sw(3, "assessment", "Tom", "Heywood"),
    _tm("assessment.south", "Imran", "Qureshi"),
    _sw(1, "assessment.south", "Chloe", "Marsden"),
    _sw(2, "assessment.south", "Kwame", "Boateng"),
    _tm("cp", "Rachel", "Lindqvist"),
    _sw(1, "cp", "Joe", "Pearce", "Their caseload (including a restricted record), and their team's children."),
    _sw(2, "cp", "Aisha", "Rahman"),
    _tm("cp.west", "Owen", "Pritchard"),
    _sw(1, "cp.west", "Megan", "Doyle", "Their caseload and team; they have broken the glass on one record today."),
    _sw(2, "cp.west", "Tariq", "Mahmood"),
    _tm("cic", "Julia", "Nowak"),
    _sw(1, "cic", "Ben", "Adeyemi"),
    _sw(2, "cic", "Sophie", "Clarke"),
    _tm("leaving", "Dev", "Mistry"),
    _sw(1, "leaving", "Hollie", "Grant", "Their caseload of young people aged 16 and 17 leaving care."),
    _tm("exploitation", "Carla", "Reid"),
    _sw(1, "exploitation", "Liam", "Gallagher", "Their caseload, and children the team is screening for exploitation."),
    _sw(2, "exploitation", "Zara", "Hussain", "Their caseload, and children the team is screening for exploitation."),
    _tm("iro", "Paul", "Whitaker", "Children in care and on protection plans the reviewing service chairs for."),
    DemoUser(
        "iro1",
        "Fiona",
        "McKenzie",
        Role.SOCIAL_WORKER,
        COUNCIL,
        "iro",
        "Independent reviewing officer",
        "Children in care and on protection plans the reviewing service chairs for (open work, no allocations).",
    ),
    DemoUser(
        "analyst",
        "Ana",
        "Lister",
        Role.ANALYST,
        COUNCIL,
        "performance",
        "Performance analyst",
        "Aggregate figures and team summaries; never a named child.",
    ),
    DemoUser(
        "ig",
        "Iris",
        "Goldberg",
        Role.IG_OFFICER,
        COUNCIL,
        "ig",
        "Information governance officer",
        "The audit trail and the break-glass review queue; not case records.",
    ),
    DemoUser(
        "admin",
        "Adam",
        "Mensah",
        Role.ADMINISTRATOR,
        COUNCIL,
        "systems",
        "Systems administrator",
        "User accounts; not case records.",
    ),
    DemoUser(
        "police.pc",
        "Pat",
        "Lane",
        Role.PARTNER,
        POLICE,
        "ppu",
        "Police constable, public protection unit",
        "The partner view of children Northshire Police is involved with.",
    ),
    DemoUser(
        "health.visitor",
        "Helen",
        "Vickers",
        Role.PARTNER,
        NHS_TRUST,
        "hv",
        "Health visitor",
        "The partner view of children the NHS trust is involved with.",
    ),
    DemoUser(
        "gp",
        "Nadia",
        "Karim",
        Role.PARTNER,
        "gp.millbridge",
        None,
        "GP",
        "The partner view of children Millbridge Medical Centre is involved with.",
    ),
    DemoUser(
        "school.dsl",
        "Sian",
        "Doyle",
        Role.PARTNER,
        "school.academy",
        None,
        "Designated safeguarding lead",
        "The partner view of Northbrook Academy's pupils the school is involved for.",
    ),
    DemoUser(
        "school.dsl.primary",
        "Rob",
        "Turner",
        Role.PARTNER,
        "school.eastfield",
        None,
        "Designated safeguarding lead",
        "The partner view of Eastfield Primary School's pupils the school is involved for.",
    ),
    DemoUser(
        "housing",
        "Otto",
        "Sider",
        Role.PARTNER,
        HOUSING,
        None,
        "Housing officer",
        "The partner view of children in families Northbrook Homes is involved with.",
    ),
    DemoUser(
        "pa1",
        "Marcus",
        "Bell",
        Role.SOCIAL_WORKER,
        COUNCIL,
        "leaving",
        "Personal adviser",
        "Care leavers up to 25 they are personal adviser to: pathway plans, keeping in touch, the leaving-care "
        "caseload.",
    ),
    DemoUser(
        "auditor",
        "Priya",
        "Chandran",
        Role.SOCIAL_WORKER,
        COUNCIL,
        "quality",
        "Quality assurance practitioner",
        "No caseload: the cases sampled for them in open audit rounds, read and graded for the audit only; "
        "draws audit samples; audit results.",
    ),
    DemoUser(
        "lac.nurse",
        "Ruth",
        "Ellison",
        Role.PARTNER,
        NHS_TRUST,
        None,
        "Looked-after children's nurse",
        "The health part of the record of children in care the NHS trust is involved with (health assessments, "
        "dental checks, SDQs), and the partner view; nothing else of the care record.",
    ),
    DemoUser(
        "analyst.exploitation",
        "Nia",
        "Okafor",
        Role.ANALYST,
        COUNCIL,
        "exploitation",
        "Exploitation intelligence analyst",
        "Exploitation intelligence across the authority: persons of concern, places, vehicles, phones and handles, "
        "the networks linking them to children (with planted demo networks to find, open and export), alerts, "
        "MACE meetings; no case records beyond that.",
    ),
    DemoUser(
        "inspector",
        "Ida",
        "Spector",
        Role.INSPECTOR,
        OFSTED,
        None,
        "His Majesty's Inspector (Ofsted)",
        "Read-only, for this week's short inspection: only the children the council sampled, and only while the "
        "access window is open; every record opened is in the audit trail.",
    ),
)

# Sign-ins the later contexts' seeders make (CONTEXT_SEEDERS), with what each sees, for
# ``demo_logins``: username -> sees.
CONTEXT_LOGINS: tuple[tuple[str, str], ...] = (
    (
        "early.help",
        "Families waiting for early help (contacts the MASH decided early help, step-downs from social care) and "
        "the families they lead: early help assessments, plans, team-around-the-family reviews, step-ups.",
    ),
    ("early.help.manager", "The early help queue and every family the Early Help Hub holds."),
    (
        "virtual.school",
        "The education part of the record of children in care (personal education plans); nothing else of the "
        "care record.",
    ),
)

# --- People -------------------------------------------------------------------------

# Roughly England's mix for children (2021 census, ages 0-17), as DfE codes, in percent.
ETHNICITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("WBRI", 66.0),
    ("WIRI", 0.3),
    ("WIRT", 0.2),
    ("WROM", 0.4),
    ("WOTH", 6.2),
    ("MWBC", 1.6),
    ("MWBA", 0.8),
    ("MWAS", 1.6),
    ("MOTH", 1.6),
    ("AIND", 3.2),
    ("APKN", 4.0),
    ("ABAN", 1.7),
    ("AOTH", 1.8),
    ("BCRB", 0.9),
    ("BAFR", 4.1),
    ("BOTH", 0.7),
    ("CHNE", 0.5),
    ("OOTH", 2.2),
    ("REFU", 0.4),
    ("NOBT", 1.8),
)


@dataclass(frozen=True)
class NameGroup:
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[str, ...]
    # (language, weight) for a parent's first language; children born here mostly speak English.
    languages: tuple[tuple[str, float], ...] = (("English", 1.0),)
    # Adults' given names; the children's lists are used when empty.
    men: tuple[str, ...] = ()
    women: tuple[str, ...] = ()


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NAME_GROUPS: dict[str, NameGroup] = {
    # British children's given names come from these lists; British adults' given names
    # and all British family names come from Faker (en_GB).
    "british": NameGroup(
        boys=_t(
            "Oliver George Harry Noah Jack Leo Arthur Charlie Freddie Alfie Theo Oscar Archie Henry Thomas Jacob "
            "Joshua William James Isaac Teddy Finley Tommy Max Lucas Riley Ethan Mason Logan Jayden Kai Tyler Dylan "
            "Callum Connor Kyle Bailey Reece Liam Lewis Harvey Ryan Jake Daniel Samuel Joseph Alexander Robert "
            "Charles Frederick Alfred Edward Benjamin Matthew Luke Brandon Jamie Ellis Louie Ronnie Frankie Reggie "
            "Stanley Albie Jenson Kayden Corey Declan Owen Rhys Aaron Nathan Adam Bobby Harley"
        ),
        girls=_t(
            "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence Emily Ella Poppy "
            "Evie Elsie Charlotte Evelyn Sienna Daisy Millie Ruby Phoebe Sophie Chloe Jessica Lauren Megan Holly Jade "
            "Courtney Leah Ellie Eleanor Madison Kayleigh Chelsea Demi Paige Amber Molly Lacey Skye Summer Harper "
            "Hollie Katie Caitlin Abigail Hannah Lucy Maisie Darcie Tilly Imogen Zoë Niamh Erin Elizabeth"
        ),
        surnames=(),
    ),
    "irish": NameGroup(
        boys=_t("Seán Conor Ciaran Oisin Cian Darragh Padraig Eoin Finn Liam Ronan Declan Niall Cillian Rory"),
        girls=_t("Aoife Niamh Siobhan Ciara Saoirse Róisín Orla Caoimhe Aisling Sinead Clodagh Grainne Aoibhinn"),
        surnames=_t(
            "Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill Reilly Doyle McCarthy Gallagher "
            "Doherty Kennedy Lynch Quinn Brennan Fitzgerald Nolan"
        ),
        men=_t("Brendan Sean Kieran Dermot Eamon Colm Fergal Michael Padraig"),
        women=_t("Siobhan Deirdre Bernadette Mairead Noreen Catriona Fionnuala Sinead"),
    ),
    "traveller": NameGroup(
        boys=_t("Patrick John Michael Martin Thomas Christopher Johnny Paddy Jimmy Francie Edward"),
        girls=_t("Bridget Mary Margaret Kathleen Nora Winnie Chantelle Shannon Kelly-Marie Josie"),
        surnames=_t("McDonagh Ward Joyce Maughan Connors McGinley Stokes Doran Collins Cash Delaney Sweeney"),
    ),
    "roma": NameGroup(
        boys=_t("Marian Ionuț Florin Dominik Lukáš Adrian Gabriel Denis Patrik Roman Samuel"),
        girls=_t("Denisa Nikola Alexandra Andreea Ramona Bianca Simona Veronika Kristína Lenka"),
        surnames=_t("Lakatoš Horváth Balog Oláh Kolompár Rostaș Stoica Căldăraru Gabor Dudaš Ferko"),
        languages=(("Romanes", 3), ("Slovak", 2), ("Romanian", 2), ("Czech", 1), ("English", 2)),
    ),
    "polish": NameGroup(
        boys=_t("Jakub Kacper Szymon Filip Mateusz Antoni Oliwer Adam Franciszek Wojciech Nikodem"),
        girls=_t("Zuzanna Julia Maja Zofia Hanna Oliwia Lena Alicja Natalia Wiktoria Amelia"),
        surnames=_t(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
            "Dąbrowski Kozłowski"
        ),
        languages=(("Polish", 7), ("English", 3)),
        men=_t("Tomasz Piotr Krzysztof Marcin Paweł Łukasz Michał Grzegorz"),
        women=_t("Agnieszka Katarzyna Magdalena Anna Joanna Monika Ewa Justyna"),
    ),
    "romanian": NameGroup(
        boys=_t("Andrei Luca David Matei Ștefan Alexandru Gabriel Rareș Darius"),
        girls=_t("Ioana Elena Maria Sofia Ana Daria Bianca Alexia Ilinca"),
        surnames=_t("Popescu Ionescu Popa Radu Dumitru Stan Stoica Munteanu Constantin Rusu Lungu"),
        languages=(("Romanian", 7), ("English", 3)),
        men=_t("Ionuț Mihai Florin Marius Cristian Vasile Adrian"),
        women=_t("Andreea Mihaela Elena Cristina Ramona Georgiana Simona"),
    ),
    "lithuanian": NameGroup(
        boys=_t("Matas Lukas Jokūbas Dominykas Nojus Tomas Kajus"),
        girls=_t("Ugnė Emilija Gabija Kamilė Austėja Lėja Urtė"),
        surnames=_t("Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas"),
        languages=(("Lithuanian", 7), ("Russian", 1), ("English", 2)),
        men=_t("Darius Mindaugas Tomas Andrius Rolandas Vytautas"),
        women=_t("Rasa Jurgita Inga Laura Vilma Giedrė"),
    ),
    "portuguese": NameGroup(
        boys=_t("Rodrigo Tiago Martim Santiago Afonso Gonçalo Diogo Francisco"),
        girls=_t("Beatriz Ana Leonor Matilde Inês Mariana Carolina Lara"),
        surnames=_t("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gomes"),
        languages=(("Portuguese", 7), ("English", 3)),
        men=_t("João Nuno Paulo Rui Carlos Miguel Sérgio"),
        women=_t("Sandra Sónia Cláudia Patrícia Marta Rita Susana"),
    ),
    "bulgarian": NameGroup(
        boys=_t("Nikolay Georgi Aleksandar Ivan Martin Dimitar Viktor"),
        girls=_t("Maria Viktoria Aleksandra Yoana Nikol Gergana Raya"),
        surnames=_t("Ivanov Georgiev Dimitrov Petrov Nikolov Stoyanov Todorov Hristov"),
        languages=(("Bulgarian", 7), ("Turkish", 1), ("English", 2)),
        men=_t("Plamen Stoyan Krasimir Todor Hristo Ivaylo"),
        women=_t("Desislava Svetla Galina Radka Teodora Mariya"),
    ),
    "gujarati": NameGroup(
        boys=_t("Aarav Krish Dev Jai Neel Vihaan Arjun Rishi Kian Yash"),
        girls=_t("Priya Diya Anaya Saanvi Riya Meera Anika Tara Isha Khushi"),
        surnames=_t("Patel Mistry Shah Parmar Chauhan Mehta Lad Solanki Desai Modi Joshi"),
        languages=(("Gujarati", 4), ("English", 6)),
        men=_t("Rajesh Sanjay Nilesh Hitesh Mahesh Dinesh Ketan Bharat"),
        women=_t("Sunita Bhavna Hema Nisha Kavita Jayshree Rekha Hetal"),
    ),
    "sikh": NameGroup(
        boys=_t("Harjot Manveer Rajveer Arjan Gurveer Jasraj Tegbir Amrit Ekam"),
        girls=_t("Jasleen Harleen Simran Navneet Gurleen Amrit Kiran Mehtab Japneet"),
        surnames=_t("Gill Sandhu Dhillon Johal Bains Sidhu Sahota Atwal Virdi Grewal"),
        languages=(("Punjabi", 5), ("English", 5)),
        men=_t("Harpreet Gurpreet Jaswinder Kuldip Balvinder Sukhdev Jagdeep"),
        women=_t("Rupinder Manjit Parminder Harjinder Sukhjit Kamaljit Balbir"),
    ),
    "north_indian": NameGroup(
        boys=_t("Arjun Rohan Ishaan Aryan Kabir Sahil Aditya Vivaan"),
        girls=_t("Ananya Ishani Aanya Tanvi Kavya Aditi Shreya Myra"),
        surnames=_t("Sharma Kumar Gupta Verma Mishra Agarwal Chopra Kapoor Malhotra"),
        languages=(("Hindi", 3), ("English", 7)),
        men=_t("Amit Nikhil Vijay Rahul Sandeep Ajay Vikram"),
        women=_t("Pooja Anjali Neha Shalini Ritu Swati Deepa"),
    ),
    "pakistani": NameGroup(
        boys=_t("Muhammad Mohammed Ibrahim Yusuf Ali Hamza Zain Ayaan Musa Umar Bilal Rayyan Abdullah Zakariya Haris"),
        girls=_t("Aisha Maryam Fatima Zara Hafsa Khadija Zainab Eman Ayesha Amina Mariam Hira Noor Safiyah Inaaya"),
        surnames=_t("Khan Hussain Ahmed Ali Akhtar Iqbal Shah Mahmood Butt Malik Rashid Aslam Javed Raza Sadiq Arshad"),
        languages=(("Urdu", 4), ("Punjabi", 3), ("Pahari-Pothwari", 2), ("Pashto", 1), ("English", 5)),
        men=_t("Tariq Imran Asif Nadeem Zahid Shahid Khalid Faisal Irfan Naveed Waqas"),
        women=_t("Nasreen Shazia Rubina Samina Farah Saima Nabila Shabana Asma Rehana"),
    ),
    "bangladeshi": NameGroup(
        boys=_t("Mohammed Abdul Rahim Ayan Ismail Arif Tanvir Raiyan Sami Imran Shahid Zakir Ahnaf"),
        girls=_t("Fatema Sumaiya Tasnim Nusrat Jannat Ruksana Farzana Anisa Tahmina Sadia Maryam Safa"),
        surnames=_t("Uddin Miah Rahman Islam Ahmed Hoque Chowdhury Ali Hossain Alam Khan"),
        languages=(("Bengali (Sylheti)", 5), ("Bengali", 2), ("English", 4)),
        men=_t("Abdul Shahjahan Jamal Kamal Nazrul Mizanur Shafiqul Anwar Rashid Habib"),
        women=_t("Rehana Shirin Salma Rokeya Nazma Hasina Lipi Shapla Jahanara Rina"),
    ),
    "tamil": NameGroup(
        boys=_t("Thiviyan Kajan Aran Nilavan Sajeev Kirushan Abinash"),
        girls=_t("Tharsika Abinaya Kavya Thanushka Lakshika Mathusha Sanjana"),
        surnames=_t("Sivakumar Rajendran Thurairajah Kanagaratnam Balasingham Sritharan Nadarajah Yogarajah"),
        languages=(("Tamil", 6), ("English", 4)),
        men=_t("Suresh Ravi Kumaran Prakash Ganesh Sivaram"),
        women=_t("Vasuki Shanthi Kalaivani Sumathi Nirmala Jeyanthi"),
    ),
    "afghan": NameGroup(
        boys=_t("Ahmad Mustafa Omid Farhad Sohail Yama Bilal"),
        girls=_t("Zahra Parisa Mursal Marwa Shabnam Madina Sana"),
        surnames=_t("Ahmadzai Rahimi Noori Popal Hakimi Sultani Safi Stanikzai"),
        languages=(("Dari", 5), ("Pashto", 4), ("English", 1)),
        men=_t("Abdul Mohammad Nasir Wahid Zabiullah Habib"),
        women=_t("Fariba Nazia Mariam Shukria Najiba Freshta"),
    ),
    "nepali": NameGroup(
        boys=_t("Bishal Aayush Sujan Prabin Aarav Roshan Kushal"),
        girls=_t("Sita Shristi Anjali Prakriti Srijana Anisha Sneha"),
        surnames=_t("Gurung Rai Thapa Limbu Tamang Magar Pun Shrestha"),
        languages=(("Nepali", 6), ("English", 4)),
        men=_t("Dil Bhim Ram Hari Krishna Purna Dhan"),
        women=_t("Maya Sunita Kamala Laxmi Gita Sarita Bimala"),
    ),
    "filipino": NameGroup(
        boys=_t("Jose Nathaniel Joshua Carlo Miguel Jerome Gabriel"),
        girls=_t("Angel Princess Andrea Nicole Kristine Althea Bea"),
        surnames=_t("Santos Reyes Dela Cruz Garcia Mendoza Bautista Villanueva Aquino"),
        languages=(("Tagalog", 5), ("English", 5)),
        men=_t("Rodel Jun Ramon Arnel Edwin Romeo"),
        women=_t("Maricel Rowena Jocelyn Marites Lorna Jenalyn"),
    ),
    "caribbean": NameGroup(
        boys=_t("Jayden Tyrese Kai Malachi Joshua Elijah Marcus Jermaine Nathaniel Isaiah Tyrone Kemar Levi Josiah"),
        girls=_t("Aaliyah Jada Shanice Tia Keisha Amani Nia Imani Destiny Tianna Kezia Zion Leah"),
        surnames=_t(
            "Campbell Williams Brown Thompson Clarke Francis Bailey Reid Grant Morgan Henry Walker Robinson "
            "McKenzie Richards Lewis Gayle"
        ),
        men=_t("Delroy Winston Leroy Marlon Andre Clive Errol Wayne Everton Trevor"),
        women=_t("Marcia Sharon Donna Paulette Janet Sonia Yvonne Claudette Michelle Jacqueline"),
    ),
    "nigerian": NameGroup(
        boys=_t("David Daniel Emmanuel Samuel Tobi Ayomide Chidi Obinna Tolu Divine Favour"),
        girls=_t("Blessing Favour Precious Deborah Adaeze Chiamaka Ifeoma Esther Tomi Temi Oluwaseun"),
        surnames=_t("Okafor Adeyemi Okonkwo Eze Balogun Nwosu Adebayo Ogunleye Afolabi Olawale Chukwu"),
        languages=(("Yoruba", 3), ("Igbo", 2), ("English", 7)),
        men=_t("Olumide Chukwuemeka Femi Godwin Babatunde Emeka Segun"),
        women=_t("Funmilayo Ngozi Bukola Chioma Yetunde Adaobi Folake"),
    ),
    "ghanaian": NameGroup(
        boys=_t("Kwame Kofi Kwabena Nana Kojo Daniel Jeremiah Kwaku"),
        girls=_t("Ama Abena Akosua Adwoa Efua Grace Nhyira Maame"),
        surnames=_t("Mensah Owusu Boateng Asante Osei Appiah Agyeman Ofori Darko"),
        languages=(("Twi", 4), ("English", 6)),
        men=_t("Yaw Kwaku Kwasi Kofi Isaac Kwadwo"),
        women=_t("Akua Afua Esi Comfort Gifty Adjoa"),
    ),
    "somali": NameGroup(
        boys=_t("Abdirahman Mohamed Abdullahi Ahmed Yusuf Hamza Mahad Abdi"),
        girls=_t("Hodan Fartun Hawa Ayaan Sagal Ikran Nasra Hibo"),
        surnames=_t("Abdi Mohamed Hassan Warsame Farah Omar Ali Jama Osman Ahmed"),
        languages=(("Somali", 6), ("Arabic", 1), ("English", 3)),
        men=_t("Abdullahi Mahad Abdikarim Hassan Ismail Abdiaziz"),
        women=_t("Sahra Amina Halima Faadumo Ubah Khadra"),
    ),
    "eritrean": NameGroup(
        boys=_t("Yonas Dawit Filmon Robel Natnael Mussie Aron"),
        girls=_t("Selam Merhawit Helen Luwam Saba Ruth Eden"),
        surnames=_t("Tesfaye Gebremedhin Haile Tekle Berhane Kidane Ghebre Weldu"),
        languages=(("Tigrinya", 7), ("English", 3)),
        men=_t("Tesfay Yemane Mehari Habtom Samuel Goitom"),
        women=_t("Hiwet Tsega Senait Abeba Mebrat Azieb"),
    ),
    "congolese": NameGroup(
        boys=_t("Jérémie Divine Glody Exaucé Joël Patrick Christ"),
        girls=_t("Grâce Merveille Bénédicte Plamedie Dorcas Esther Gloire"),
        surnames=_t("Mbala Kabongo Mukendi Ilunga Kalala Tshibangu Lukusa Mbuyi"),
        languages=(("Lingala", 4), ("French", 4), ("English", 2)),
        men=_t("Jean-Paul Jean-Pierre Patrice Didier Serge Fiston"),
        women=_t("Mireille Chantal Nathalie Joséphine Rachel Solange"),
    ),
    "chinese": NameGroup(
        boys=_t("Ethan Ryan Jason Hao Wei Jun Kevin Tony Jiahao Yichen Lucas"),
        girls=_t("Chloe Grace Mei Xinyi Jia Ling Amy Wing Yutong Zoe Emma"),
        surnames=_t("Wang Li Zhang Chen Liu Huang Lin Wu Zhou Wong Chan Cheung Lam Ng Ho Yeung"),
        languages=(("Cantonese", 4), ("Mandarin", 5), ("English", 4)),
        men=_t("Ming Jian Hong Kwok-Wai Chi-Keung Lei Tao Hua Feng"),
        women=_t("Xiaoling Mei-Ling Yan Hui Suk-Yin Fang Jing Li-Na"),
    ),
    "arab": NameGroup(
        boys=_t("Omar Yousef Adam Khaled Ibrahim Zaid Hamza"),
        girls=_t("Layla Noor Yasmin Lana Maya Jana Sara"),
        surnames=_t("Al-Hassan Haddad Mahmoud Abbas Saleh Aziz Al-Ali Hamdan Nasser"),
        languages=(("Arabic", 7), ("English", 3)),
        men=_t("Ahmad Mohammed Samir Walid Bassam Tarek"),
        women=_t("Rania Huda Amal Fatima Reem Dalia"),
    ),
    "kurdish": NameGroup(
        boys=_t("Karwan Rebin Aram Hawre Shvan Zana Dilan"),
        girls=_t("Rojin Shilan Hana Lana Nazdar Dilan Ronak"),
        surnames=_t("Rasul Karim Hama Qadir Aziz Mahmud Salih Amin"),
        languages=(("Kurdish (Sorani)", 6), ("Kurdish (Kurmanji)", 2), ("English", 2)),
        men=_t("Dler Soran Bakhtiar Kamaran Hiwa Rebwar"),
        women=_t("Shilan Gulistan Nasrin Kazhal Bayan Chra"),
    ),
    "turkish": NameGroup(
        boys=_t("Emre Mustafa Yusuf Ali Mehmet Efe Kerem"),
        girls=_t("Elif Zeynep Defne Eylül Azra Ecrin Ela"),
        surnames=_t("Yilmaz Demir Kaya Şahin Çelik Yıldız Öztürk Arslan"),
        languages=(("Turkish", 7), ("English", 3)),
        men=_t("Hasan Murat Hüseyin İbrahim Osman Erkan"),
        women=_t("Ayşe Fatma Emine Hatice Sevgi Gülay"),
    ),
    "latin_american": NameGroup(
        boys=_t("Mateo Santiago Sebastián Samuel Thiago Juan Gabriel"),
        girls=_t("Valentina Sofía Isabella Camila Valeria Mariana Luciana"),
        surnames=_t("García Rodríguez Gómez López Martínez Hernández Díaz Torres Ramírez"),
        languages=(("Spanish", 6), ("Portuguese", 2), ("English", 2)),
        men=_t("Carlos Luis Andrés Jorge Diego Fernando"),
        women=_t("María Claudia Paola Diana Adriana Lucía"),
    ),
    "iranian": NameGroup(
        boys=_t("Arman Darius Kian Arya Parsa Sina Nima"),
        girls=_t("Parisa Ava Yasmin Nazanin Shirin Tara Setareh"),
        surnames=_t("Moradi Hosseini Karimi Ahmadi Rezaei Jafari Mohammadi Tehrani"),
        languages=(("Farsi", 7), ("English", 3)),
        men=_t("Reza Ali Hamid Mehdi Saeed Babak"),
        women=_t("Maryam Fatemeh Zahra Leila Mina Roya"),
    ),
}

Communities = tuple[tuple[str, float], ...]
BRITISH: Communities = (("british", 1),)
EAST_EUROPEAN: Communities = (
    ("polish", 40),
    ("romanian", 25),
    ("lithuanian", 10),
    ("portuguese", 15),
    ("bulgarian", 10),
)
SOUTH_ASIAN: Communities = (
    ("pakistani", 50),
    ("gujarati", 15),
    ("sikh", 10),
    ("bangladeshi", 15),
    ("north_indian", 10),
)
AFRICAN: Communities = (("nigerian", 40), ("ghanaian", 20), ("somali", 20), ("eritrean", 10), ("congolese", 10))
OTHER: Communities = (("arab", 30), ("kurdish", 25), ("turkish", 15), ("latin_american", 15), ("iranian", 15))

# Which communities a household's parents come from, for each ethnicity: (mother's,
# father's). When both are the same, both parents come from one community.
ETHNICITY_GROUPS: dict[str, tuple[Communities, Communities]] = {
    "WBRI": (BRITISH, BRITISH),
    "WIRI": ((("irish", 1),), (("irish", 1),)),
    "WIRT": ((("traveller", 1),), (("traveller", 1),)),
    "WROM": ((("roma", 1),), (("roma", 1),)),
    "WOTH": (EAST_EUROPEAN, EAST_EUROPEAN),
    "MWBC": (BRITISH, (("caribbean", 1),)),
    "MWBA": (BRITISH, AFRICAN),
    "MWAS": (BRITISH, SOUTH_ASIAN),
    "MOTH": (BRITISH, OTHER),
    "AIND": ((("gujarati", 45), ("sikh", 35), ("north_indian", 20)),) * 2,
    "APKN": ((("pakistani", 1),), (("pakistani", 1),)),
    "ABAN": ((("bangladeshi", 1),), (("bangladeshi", 1),)),
    "AOTH": ((("tamil", 30), ("afghan", 30), ("nepali", 20), ("filipino", 20)),) * 2,
    "BCRB": ((("caribbean", 1),), (("caribbean", 1),)),
    "BAFR": (AFRICAN, AFRICAN),
    "BOTH": ((("caribbean", 1),), AFRICAN),
    "CHNE": ((("chinese", 1),), (("chinese", 1),)),
    "OOTH": (OTHER, OTHER),
    "REFU": (BRITISH, BRITISH),
    "NOBT": (BRITISH, BRITISH),
}

# The ethnicity recorded for an adult of each community.
COMMUNITY_ETHNICITY: dict[str, str] = {
    "british": "WBRI", "irish": "WIRI", "traveller": "WIRT", "roma": "WROM",
    "polish": "WOTH", "romanian": "WOTH", "lithuanian": "WOTH", "portuguese": "WOTH", "bulgarian": "WOTH",
    "gujarati": "AIND", "sikh": "AIND", "north_indian": "AIND", "pakistani": "APKN", "bangladeshi": "ABAN",
    "tamil": "AOTH", "afghan": "AOTH", "nepali": "AOTH", "filipino": "AOTH",
    "caribbean": "BCRB", "nigerian": "BAFR", "ghanaian": "BAFR", "somali": "BAFR", "eritrean": "BAFR",
    "congolese": "BAFR", "chinese": "CHNE",
    "arab": "OOTH", "kurdish": "OOTH", "turkish": "OOTH", "latin_american": "OOTH", "iranian": "OOTH",
}  # fmt: skip

# How many children a household brings to the register, in percent.
HOUSEHOLD_SIZES: tuple[tuple[int, float], ...] = ((1, 42), (2, 33), (3, 16), (4, 7), (5, 2))

# Spelling variants and familiar forms of given names: a duplicate record takes one.
SPELLING_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Jayden", "Jaiden", "Jaden", "Jaydon"),
    ("Mohammed", "Muhammad", "Mohammad", "Muhammed", "Mohamed"),
    ("Muhammad", "Mohammed", "Mohammad"),
    ("Mohamed", "Mohammed", "Mohamad"),
    ("Aisha", "Ayesha", "Aysha"),
    ("Ayesha", "Aisha"),
    ("Caitlin", "Kaitlyn", "Katelyn"),
    ("Zara", "Zarah"),
    ("Leah", "Lea", "Lia"),
    ("Hollie", "Holly"),
    ("Holly", "Hollie"),
    ("Darcie", "Darcey", "Darcy"),
    ("Kayleigh", "Kayley", "Kaylee"),
    ("Tyrese", "Tyreese"),
    ("Reece", "Rhys", "Reese"),
    ("Rhys", "Reece"),
    ("Aaliyah", "Aliyah", "Aleah"),
    ("Maryam", "Mariam", "Miriam"),
    ("Mariam", "Maryam"),
    ("Fatima", "Fatimah", "Fatema"),
    ("Fatema", "Fatima"),
    ("Yusuf", "Yousef", "Yusef"),
    ("Ibrahim", "Ebrahim"),
    ("Millie", "Milly"),
    ("Niamh", "Neve", "Neave"),
    ("Jakub", "Jacob", "Jakob"),
    ("Jacob", "Jakob"),
    ("Mia", "Miah"),
    ("Lacey", "Lacie"),
    ("Tianna", "Tiana"),
    ("Kai", "Kye"),
    ("Corey", "Cory"),
    ("Connor", "Conor"),
    ("Conor", "Connor"),
    ("Callum", "Calum"),
    ("Lewis", "Louis"),
    ("Zoë", "Zoe"),
    ("Seán", "Sean", "Shaun"),
    ("Róisín", "Roisin", "Rosheen"),
    ("Siobhan", "Shivaun"),
    ("Sophie", "Sophia"),
    ("Isabella", "Isabela", "Izabella"),
    ("Hannah", "Hanna"),
    ("Abdirahman", "Abdurahman", "Abdi"),
    ("Zainab", "Zaynab"),
    ("Khadija", "Khadijah", "Hadija"),
    ("Ayaan", "Ayan"),
    ("Ethan", "Ethen"),
)
NICKNAMES: tuple[tuple[str, ...], ...] = (
    ("Eleanor", "Ellie", "Nell"),
    ("Ellie", "Eleanor"),
    ("Robert", "Bob", "Bobby", "Rob"),
    ("Bobby", "Robert"),
    ("Alfred", "Alfie"),
    ("Alfie", "Alfred"),
    ("Charles", "Charlie"),
    ("Charlie", "Charles"),
    ("Frederick", "Freddie", "Fred"),
    ("Freddie", "Frederick"),
    ("Edward", "Teddy", "Eddie", "Ted"),
    ("Teddy", "Edward"),
    ("Thomas", "Tom", "Tommy"),
    ("Tommy", "Thomas"),
    ("William", "Will", "Billy"),
    ("Alexander", "Alex", "Zander"),
    ("Samuel", "Sam", "Sammy"),
    ("Joseph", "Joe", "Joey"),
    ("Benjamin", "Ben"),
    ("Daniel", "Danny", "Dan"),
    ("Matthew", "Matt"),
    ("Isabella", "Bella", "Izzy"),
    ("Elizabeth", "Lizzie", "Beth"),
    ("Charlotte", "Lottie"),
    ("Evelyn", "Evie"),
    ("Evie", "Evelyn"),
    ("Jessica", "Jess"),
    ("Abigail", "Abbie"),
    ("Madison", "Maddie"),
    ("Megan", "Meg"),
    ("Henry", "Harry", "Hal"),
    ("Harry", "Henry"),
    ("Ronnie", "Ronald"),
    ("Reggie", "Reginald"),
    ("Stanley", "Stan"),
    ("Albie", "Albert"),
    ("Frankie", "Francis"),
    ("Amelia", "Millie", "Mia"),
    ("Florence", "Flo", "Florrie"),
    ("Patrick", "Paddy"),
    ("Michael", "Mikey"),
    ("Christopher", "Chris"),
    ("Margaret", "Maggie"),
    ("Kathleen", "Kath"),
    ("Katie", "Katherine"),
    ("Nathaniel", "Nathan", "Nate"),
)

# Where the borough's families live (current addresses); earlier addresses may be anywhere.
BOROUGH_TOWNS: tuple[tuple[str, float], ...] = (
    ("Northbrook", 40),
    ("Eastfield", 14),
    ("Millbridge", 14),
    ("Westholme", 10),
    ("Ashby Vale", 8),
    ("Kingsmead", 8),
    ("Riverside", 6),
)

# CIN census disability codes, in percent of children with a disability recorded.
DISABILITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("LD", 22),
    ("AUT", 20),
    ("COMM", 16),
    ("BEH", 14),
    ("MOB", 7),
    ("HEAR", 5),
    ("VIS", 4),
    ("PC", 4),
    ("HAND", 2),
    ("INC", 2),
    ("CON", 2),
    ("DDA", 2),
)

CHILD_WARNINGS: tuple[tuple[str, str], ...] = (
    ("address", "Do not disclose address: the child and their mother are in a refuge after domestic abuse."),
    ("address", "Do not disclose the placement address to the birth family."),
    ("exploitation", "At risk of criminal exploitation: speak to the exploitation team before sharing information."),
    (
        "exploitation",
        "Has been found in a 'county lines' address outside the borough; missing-from-home protocol applies.",
    ),
    ("medical", "Severe nut allergy: carries an adrenaline auto-injector."),
    ("medical", "Type 1 diabetes: check the care plan before arranging activities."),
    ("medical", "Epilepsy: rescue medication is kept at school and at home."),
    ("other", "Deaf and uses British Sign Language: book a BSL interpreter for visits."),
    ("other", "Subject to a court order restricting contact with her father: check before arranging contact."),
)
ADULT_WARNINGS: tuple[tuple[str, str], ...] = (
    ("risk_to_staff", "Has been verbally aggressive to visiting workers: visit in pairs."),
    ("risk_to_staff", "Large dog at the property: ask for it to be secured before entering."),
    ("risk_to_staff", "Convicted of violence against a previous partner: do not visit alone."),
    ("other", "Needs an interpreter for meetings; prefers a female interpreter."),
    ("medical", "Has a learning disability: send letters in easy read and allow extra time in meetings."),
)

MASH_QUEUE_REASONS = (
    "Contact from the police: domestic abuse incident",
    "Contact from school: concern about neglect",
    "Contact from health: unexplained bruising",
    "Contact from a member of the public",
    "Contact from housing: family in temporary accommodation",
)
ASSESSMENT_QUEUE_REASONS = (
    "Assessment awaiting allocation",
    "Transferred from MASH: assessment needed",
    "Pre-birth assessment awaiting allocation",
)
EXPLOITATION_SCREENING_REASONS = (
    "Exploitation screening after a missing episode",
    "Exploitation screening: links to an adult of concern",
)
REVIEWING_REASONS = {
    "cic": "Independent review of the care plan",
    "cp": "Chairing child protection conferences",
    "cp.west": "Chairing child protection conferences",
}
AGENCY_REASONS: dict[str, tuple[str, ...]] = {
    POLICE: (
        "Referred after a domestic abuse incident",
        "Took part in a strategy discussion",
        "Reported a missing episode",
        "Invited to an initial child protection conference",
    ),
    NHS_TRUST: (
        "Health visitor for the family",
        "Asked for information for an assessment",
        "Reported an attendance at the emergency department",
        "School nursing service involved",
    ),
    "gp": ("Registered GP asked for information", "Invited to a child protection conference"),
    "school": (
        "Child on roll: asked for information",
        "School referred after a disclosure",
        "Member of the core group",
    ),
    HOUSING: ("Family in temporary accommodation", "Tenancy sustainment support for the family"),
}

BREAK_GLASS_SCENARIOS: tuple[tuple[str, str, str, str], ...] = (
    # (user, reason, review status after seeding, review note)
    (
        "sw.cp.west1",
        "Out-of-hours call from the police: the child was found at an address linked to exploitation; "
        "checking whether there is a protection plan.",
        "pending",
        "",
    ),
    (
        "sw.mash2",
        "Emergency department asked about an injury to a baby in the night; checking the family's history "
        "before the strategy discussion.",
        "pending",
        "",
    ),
    (
        "tm.assessment.south",
        "Emergency duty team handover: the child's mother presented at the civic centre asking for help.",
        "justified",
        "Urgent need confirmed with the emergency duty team's log.",
    ),
    (
        "sw.assessment.south2",
        "Wanted to check whether a family in my street is known to the service.",
        "referred",
        "No work reason given: referred to the head of service.",
    ),
)
