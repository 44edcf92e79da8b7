"""Word lists of the registry corpus: people, their credentials and addresses, sponsors."""
from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words("""
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Sandra Mark
Ashley Steven Emily Andrew Michelle Paul Amanda Joshua Melissa Kevin Deborah Brian Laura George
Rebecca Timothy Sharon Jason Cynthia Ryan Kathleen Jacob Amy Nicholas Anna Eric Angela Jonathan
Helen Stephen Samantha Larry Christine Justin Rachel Scott Carolyn Brandon Janet Benjamin Maria
Wei Li Jing Yan Hui Xin Ying Lei Jun Ming Hao Yu Hiroshi Yuki Takashi Keiko Kenji Akiko Satoshi
Naoko Min-jun Ji-woo Seo-yeon Hyun Priya Rahul Anil Sunita Arjun Kavya Ahmed Fatima Mohamed
Aisha Omar Layla Hassan Mariam Ali Reza Zahra Mehmet Ayse Mustafa Elif Pierre Marie Jean
Sophie Luc Camille Nicolas Claire Hans Anna Klaus Ute Jürgen Katrin Stefan Sabine Giulia Marco
Francesca Luca Chiara Giuseppe Elena Javier Lucía Carlos Carmen Pablo Isabel Miguel Ana João
Beatriz Pedro Lars Ingrid Anders Karin Erik Sanne Pieter Lotte Jan Agnieszka Piotr Katarzyna
Tomasz Olga Dmitri Irina Sergei Nkechi Chinedu Amara Kwame Thabo Zanele Sipho Wanjiru
""")

LAST_NAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Phillips Evans
Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed
Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James Hughes
Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Zheng Tanaka
Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato Kim Park Choi Jung Kang Cho
Yoon Jang Lim Sharma Patel Singh Kumar Gupta Reddy Iyer Rao Khan Hussein Rahman Haddad Nasser
Yilmaz Kaya Demir Sahin Celik Dubois Lefebvre Moreau Laurent Girard Bonnet Mercier Rousseau
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz Rossi Russo Ferrari
Esposito Bianchi Romano Colombo Ricci Marino Greco Fernández González Rodríguez López Martínez
Sánchez Pérez Gómez Silva Santos Oliveira Souza Pereira Costa Jansen Janssen Visser Bakker
Nielsen Hansen Andersson Johansson Larsen Berg Nowak Kowalski Wiśniewski Novák Ivanov Petrov
Smirnov Okafor Mensah Dlamini Mwangi Otieno Cohen Levi Friedman O'Brien Murray MacDonald
""")

CREDENTIALS = ["", "", "", ", MD", ", MD", ", MD, PhD", ", PhD", ", MSc", ", RN", ", PharmD",
               ", MD, MPH", ", DO", ", MBBS", ", Prof"]
EMAIL_DOMAINS = [
    "uhealth.org", "medcenter.edu", "clinicalresearch.com", "univ-hospital.org", "med.uni.edu",
    "hospital.org", "research.org", "cancercenter.org", "chu-sante.fr", "klinikum.de",
    "ospedale.it", "hospital.es", "hosp.ac.jp", "hospital.cn", "health.gov", "trials.com",
    "pharma.com", "nhs.net", "clinic.ca", "health.au", "ucare.org", "medschool.edu",
]

PRACTICES = ["Clinic", "Research", "Medical Group", "Health Center", "Family Practice"]
COMPANIES = [
    "Novo Nordisk A/S", "Bayer", "Boehringer Ingelheim", "AbbVie", "Amgen", "Takeda",
    "Janssen Research & Development, LLC", "Gilead Sciences", "Regeneron Pharmaceuticals",
    "Astellas Pharma Inc", "Daiichi Sankyo", "Eisai Inc.", "Otsuka Pharmaceutical Co., Ltd.",
    "Jiangsu HengRui Medicine Co., Ltd.", "BeiGene", "Medtronic", "Boston Scientific Corporation",
    "Abbott Medical Devices", "Biogen", "Vertex Pharmaceuticals Incorporated", "ModernaTX, Inc.",
    "Teva Branded Pharmaceutical Products R&D, Inc.", "Ipsen", "UCB Biopharma SRL", "Servier",
    "Chugai Pharmaceutical", "Hoffmann-La Roche", "Novartis Pharmaceuticals", "Pfizer",
    "AstraZeneca", "Sanofi", "GlaxoSmithKline", "Merck Sharp & Dohme LLC",
    "Bristol-Myers Squibb", "Eli Lilly and Company",
]
JOURNALS = ["N Engl J Med", "Lancet", "JAMA", "BMJ", "J Clin Oncol", "Ann Intern Med",
            "Lancet Oncol", "Neurology", "Circulation", "Diabetes Care", "Blood", "PLoS One",
            "BMC Med", "Trials", "Eur Heart J", "Gastroenterology", "Ann Rheum Dis", "Pediatrics"]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
