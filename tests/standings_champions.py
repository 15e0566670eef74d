"""The real champions, as an oracle for the engine's tests only: the project ships no champion list.

Source: the lists of NASCAR Cup Series, Xfinity Series (Busch/Nationwide) and Truck Series
champions on Wikipedia ("List of NASCAR Cup Series champions", "NASCAR Xfinity Series" champions
table, "NASCAR Craftsman Truck Series" champions table), names spelled as the history spells them.
"""

CUP = dict(
    enumerate(
        """Red Byron; Bill Rexford; Herb Thomas; Tim Flock; Herb Thomas; Lee Petty; Tim Flock; Buck Baker;
        Buck Baker; Lee Petty; Lee Petty; Rex White; Ned Jarrett; Joe Weatherly; Joe Weatherly; Richard Petty;
        Ned Jarrett; David Pearson; Richard Petty; David Pearson; David Pearson; Bobby Isaac; Richard Petty;
        Richard Petty; Benny Parsons; Richard Petty; Richard Petty; Cale Yarborough; Cale Yarborough;
        Cale Yarborough; Richard Petty; Dale Earnhardt; Darrell Waltrip; Darrell Waltrip; Bobby Allison;
        Terry Labonte; Darrell Waltrip; Dale Earnhardt; Dale Earnhardt; Bill Elliott; Rusty Wallace;
        Dale Earnhardt; Dale Earnhardt; Alan Kulwicki; Dale Earnhardt; Dale Earnhardt; Jeff Gordon;
        Terry Labonte; Jeff Gordon; Jeff Gordon; Dale Jarrett; Bobby Labonte; Jeff Gordon; Tony Stewart;
        Matt Kenseth; Kurt Busch; Tony Stewart; Jimmie Johnson; Jimmie Johnson; Jimmie Johnson;
        Jimmie Johnson; Jimmie Johnson; Tony Stewart; Brad Keselowski; Jimmie Johnson; Kevin Harvick;
        Kyle Busch; Jimmie Johnson; Martin Truex Jr.; Joey Logano; Kyle Busch; Chase Elliott; Kyle Larson;
        Joey Logano; Ryan Blaney; Joey Logano; Kyle Larson""".split(";"),
        1949,
    )
)

XFINITY = dict(
    enumerate(
        """Jack Ingram; Sam Ard; Sam Ard; Jack Ingram; Larry Pearson; Larry Pearson; Tommy Ellis; Rob Moroso;
        Chuck Bown; Bobby Labonte; Joe Nemechek; Steve Grissom; David Green; Johnny Benson Jr.; Randy LaJoie;
        Randy LaJoie; Dale Earnhardt Jr.; Dale Earnhardt Jr.; Jeff Green; Kevin Harvick; Greg Biffle;
        Brian Vickers; Martin Truex Jr.; Martin Truex Jr.; Kevin Harvick; Carl Edwards; Clint Bowyer;
        Kyle Busch; Brad Keselowski; Ricky Stenhouse Jr.; Ricky Stenhouse Jr.; Austin Dillon; Chase Elliott;
        Chris Buescher; Daniel Suarez; William Byron; Tyler Reddick; Tyler Reddick; Austin Cindric;
        Daniel Hemric; Ty Gibbs; Cole Custer; Justin Allgaier; Jesse Love""".split(";"),
        1982,
    )
)

TRUCK = dict(
    enumerate(
        """Mike Skinner; Ron Hornaday Jr.; Jack Sprague; Ron Hornaday Jr.; Jack Sprague; Greg Biffle; Jack Sprague;
        Mike Bliss; Travis Kvapil; Bobby Hamilton; Ted Musgrave; Todd Bodine; Ron Hornaday Jr.; Johnny Benson Jr.;
        Ron Hornaday Jr.; Todd Bodine; Austin Dillon; James Buescher; Matt Crafton; Matt Crafton; Erik Jones;
        Johnny Sauter; Christopher Bell; Brett Moffitt; Matt Crafton; Sheldon Creed; Ben Rhodes; Zane Smith;
        Ben Rhodes; Ty Majeski; Corey Heim""".split(";"),
        1995,
    )
)

CHAMPIONS = {
    series: {year: name.strip() for year, name in table.items()}
    for series, table in (("cup", CUP), ("xfinity", XFINITY), ("truck", TRUCK))
}
